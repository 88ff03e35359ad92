package rego

import (
	"errors"
	"strings"
)

// ErrorCode is the stable code of an error of a decision: why a request
// could not be decided. A decision's ErrorDetails carry the codes, and so
// does the decision object of an OPA sidecar (error_details), where the Rego
// core writes them beside the messages. New codes may be added; none is
// renamed or reused.
//
// An ErrorCode is an error itself, so that a program branches with
// errors.Is on what Decision.Err or an *AssumeRoleError returns:
//
//	if errors.Is(dec.Err(), rego.ErrSessionExpired) { … assume the role again … }
//
// Whatever the code, a decision with errors is a deny.
type ErrorCode string

func (c ErrorCode) Error() string { return string(c) }

// The codes of decision errors.
const (
	// ErrMalformedInput: the input is not a JSON object within the bounds
	// of an input, or a field is missing or of the wrong type.
	ErrMalformedInput ErrorCode = "MALFORMED_INPUT"
	// ErrUnknownPrincipal: the principal is not a user or root user of the
	// bundle, "anonymous" or a service principal; a role is not a
	// principal (its sessions are).
	ErrUnknownPrincipal ErrorCode = "UNKNOWN_PRINCIPAL"
	// ErrInvalidAction: the action is not "service:Action".
	ErrInvalidAction ErrorCode = "INVALID_ACTION"
	// ErrUnknownAction: the service's catalog (a service block) has no
	// such action.
	ErrUnknownAction ErrorCode = "UNKNOWN_ACTION"
	// ErrInvalidResource: the resource is not an ARN or "*".
	ErrInvalidResource ErrorCode = "INVALID_RESOURCE"
	// ErrUnknownRole: a role the bundle does not have (the role of
	// AssumeRole, of a trust action, or of a session).
	ErrUnknownRole ErrorCode = "UNKNOWN_ROLE"
	// ErrInvalidContext: a context key AWS sets itself, a value of the
	// wrong type, a key given twice, a VPC endpoint that does not serve the
	// request.
	ErrInvalidContext ErrorCode = "INVALID_CONTEXT"
	// ErrInvalidTime: a request time that is not RFC 3339, or given to an
	// engine that takes the time from its clock.
	ErrInvalidTime ErrorCode = "INVALID_TIME"
	// ErrInvalidSession: a session that is malformed, not yet valid, longer
	// than its role allows, or that the principal does not match.
	ErrInvalidSession ErrorCode = "INVALID_SESSION"
	// ErrSessionExpired: the session expired before the request.
	ErrSessionExpired ErrorCode = "SESSION_EXPIRED"
	// ErrInvalidSessionPolicy: a session policy that is not a policy
	// document iamc can lower exactly.
	ErrInvalidSessionPolicy ErrorCode = "INVALID_SESSION_POLICY"
	// ErrInvalidSTSRequest: an STS call that STS refuses whatever the
	// policies: a duration or session name out of bounds, the root user
	// assuming a role, a federated user session calling AssumeRole,
	// GetFederationToken for anyone but an IAM user.
	ErrInvalidSTSRequest ErrorCode = "INVALID_STS_REQUEST"
	// ErrInternal: the Rego core could not compute the decision.
	ErrInternal ErrorCode = "INTERNAL_ERROR"
	// ErrEvaluationFailed: the evaluation did not complete (a cancelled
	// context, an engine fault); Decide returns the error as well.
	ErrEvaluationFailed ErrorCode = "EVALUATION_FAILED"
	// ErrAssumeRoleFailed is never in a decision: every *AssumeRoleError
	// is one (AssumeRole or GetFederationToken made no session, because
	// the policies denied it or the call was invalid: see its other codes).
	ErrAssumeRoleFailed ErrorCode = "ASSUME_ROLE_FAILED"
)

// DecisionError is an error of a decision: its code and its message.
type DecisionError struct {
	Code    ErrorCode `json:"code"`
	Message string    `json:"message"`
}

func (e DecisionError) Error() string { return e.Message }

// Unwrap returns the code, for errors.Is.
func (e DecisionError) Unwrap() error { return e.Code }

// Err returns the decision's errors as a Go error, nil when it has none:
// a DecisionError, or several joined (errors.Join). A decision with errors
// is a deny all the same; Err is for a program that tells the reasons
// apart with errors.Is and the ErrorCode constants.
func (d Decision) Err() error {
	if len(d.ErrorDetails) == 0 && len(d.Errors) > 0 {
		// A Decision made without details: its messages, with no code.
		return DecisionError{Message: strings.Join(d.Errors, "; ")}
	}
	errs := make([]error, len(d.ErrorDetails))
	for i, e := range d.ErrorDetails {
		errs[i] = e
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...) // nil for none
}
