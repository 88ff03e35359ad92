package rego

import (
	"strings"
	"time"
)

// Request is one authorization request (docs/design.md, the decision
// contract; schema/decision-input.schema.json).
type Request struct {
	// Principal is the caller: a user ARN, an account root ARN
	// (arn:aws:iam::<id>:root), a role session ARN, a service principal such
	// as "ec2.amazonaws.com", or "anonymous". With Session set it may also be
	// the session's source.
	Principal string
	Action    string // service:Action, case-insensitive
	Resource  string // an ARN, or "*"
	// Context holds condition keys and their values: strings, numbers,
	// booleans, or lists of them for multivalued keys.
	Context map[string]any
	// Session, when set, makes the request from this session: a role
	// session, a federated user session, or the temporary credentials of the
	// user itself (Type "user": a console sign-in or GetSessionToken).
	Session *Session
	// Time is the time of the request; zero means the clock. Only an engine
	// loaded WithRequestTime takes it (tests and replays).
	Time time.Time
}

// Session is a role session, as AssumeRole creates it, a federated user
// session (Type "federated"), as GetFederationToken creates it, or the
// temporary credentials of an IAM user or root user (Type "user": a console
// sign-in or GetSessionToken), with or without MFA. A request with long-term
// access keys has no Session.
type Session struct {
	Type      string            `json:"type,omitempty"` // "" (a role session), "federated" or "user"
	Role      string            `json:"role"`           // the role ARN
	Name      string            `json:"name"`
	ARN       string            `json:"arn"` // arn:aws:sts::<id>:assumed-role/<role>/<name>
	Source    string            `json:"source"`
	MFA       bool              `json:"mfa"`
	IssuedAt  time.Time         `json:"issued_at"`
	ExpiresAt time.Time         `json:"expires_at"`
	Policy    map[string]any    `json:"policy,omitempty"` // session policy (AWS JSON)
	Chained   bool              `json:"chained"`          // assumed from another role session
	Tags      map[string]string `json:"tags,omitempty"`
}

// AssumeRoleRequest asks for a session of Role.
type AssumeRoleRequest struct {
	Principal   string // the caller; ignored when Session is set
	Role        string // role ARN
	MFA         bool   // the caller presents an MFA code
	Duration    time.Duration
	SessionName string
	// Policy is an inline session policy (AWS JSON): the session can do only
	// what both the role and this policy allow.
	Policy  map[string]any
	Tags    map[string]string
	Context map[string]any
	// Session is the caller's own session: a role session to chain roles,
	// or a user's temporary credentials.
	Session *Session
	// Time is when the call is made; zero means the clock (see
	// Request.Time).
	Time time.Time
}

// FederationRequest asks for a federated user session (GetFederationToken).
type FederationRequest struct {
	Principal string // the IAM user
	Name      string // the federated user name; default the user's name
	// Policy is the session policy: the session can do only what both the
	// user and this policy allow, and nothing without it.
	Policy   map[string]any
	Duration time.Duration // default 12 hours
	Context  map[string]any
	Time     time.Time // when the call is made; zero means the clock (see Request.Time)
}

// Decision is the answer to a Request; its JSON form is the decision object
// of docs/design.md (schema/decision.schema.json).
type Decision struct {
	Allowed        bool     `json:"allowed"`
	Decision       Outcome  `json:"decision"`
	Reasons        []Reason `json:"reasons"`
	Layers         Layers   `json:"layers"`
	MissingContext []string `json:"missing_context"`
	// Errors says why the request could not be decided: any error means a
	// deny. ErrorDetails holds the same errors with their stable codes,
	// in the same order (see Err and ErrorCode).
	Errors       []string        `json:"errors"`
	ErrorDetails []DecisionError `json:"error_details,omitempty"`
}

// Reason is a statement that decided: an Allow that granted, or a Deny.
type Reason struct {
	Layer     Layer  `json:"layer"`
	Policy    string `json:"policy"`    // the policy's HCL reference, e.g. policy.register
	Statement string `json:"statement"` // its Sid, or [index]
	Effect    Effect `json:"effect"`
	Source    string `json:"source"` // file:line:col
}

// Ref is the HCL reference of the reason's statement, such as
// policy.register.statement.UseRegister.
func (r Reason) Ref() string { return StatementRef(r.Policy, r.Statement) }

// StatementRef is the HCL reference of a statement of a policy: its Sid
// after ".statement.", or its index, as in policy.x.statement[0].
func StatementRef(policy, statement string) string {
	if len(statement) > 0 && statement[0] == '[' {
		return policy + ".statement" + statement
	}
	return policy + ".statement." + statement
}

// Layers is the verdict of each policy layer.
type Layers struct {
	SCP      Verdict `json:"scp"`
	Boundary Verdict `json:"boundary"`
	Identity Verdict `json:"identity"`
	Resource Verdict `json:"resource"`
	Session  Verdict `json:"session"`
	// RCP and Endpoint are the resource control policies of the
	// resource's organization and the policy of the VPC endpoint the
	// request goes through (docs/semantics.md §10.4).
	RCP      Verdict `json:"rcp"`
	Endpoint Verdict `json:"endpoint"`
}

// layerOrder is the order in which String and Implicit list the layers.
var layerOrder = [...]Layer{LayerSCP, LayerBoundary, LayerIdentity, LayerResource, LayerSession, LayerRCP, LayerEndpoint}

// verdicts are the verdicts in layerOrder.
func (l Layers) verdicts() [len(layerOrder)]Verdict {
	return [...]Verdict{l.SCP, l.Boundary, l.Identity, l.Resource, l.Session, l.RCP, l.Endpoint}
}

// String renders the verdicts on one line, for people:
// "scp allow · boundary absent · identity allow · resource absent · session absent";
// the RCP and endpoint layers only when they take part.
func (l Layers) String() string {
	parts := make([]string, 0, len(layerOrder))
	for i, v := range l.verdicts() {
		if (layerOrder[i] == LayerRCP || layerOrder[i] == LayerEndpoint) && (v == VerdictAbsent || v == "") {
			continue
		}
		parts = append(parts, string(layerOrder[i])+" "+string(v))
	}
	return strings.Join(parts, " · ")
}

// Implicit names the layers where no statement applied, in layer order:
// those that withheld an allow.
func (l Layers) Implicit() []Layer {
	var out []Layer
	for i, v := range l.verdicts() {
		if v == VerdictImplicit {
			out = append(out, layerOrder[i])
		}
	}
	return out
}

// Outcome is what a Decision decides.
type Outcome string

// The outcomes of a decision (docs/semantics.md §3): an Allow applied and
// no Deny; a Deny applied; nothing allowed the request.
const (
	Allow        Outcome = "allow"
	ExplicitDeny Outcome = "explicit_deny"
	ImplicitDeny Outcome = "implicit_deny"
)

// Layer is a kind of policy that takes part in a decision.
type Layer string

// The layers, as a Reason and Layers name them.
const (
	LayerSCP      Layer = "scp"      // service control policies
	LayerResource Layer = "resource" // the resource's policy, or a role's trust policy
	LayerIdentity Layer = "identity" // the principal's policies
	LayerBoundary Layer = "boundary" // the principal's permissions boundary
	LayerSession  Layer = "session"  // the session policy
	LayerRCP      Layer = "rcp"      // resource control policies
	LayerEndpoint Layer = "endpoint" // the VPC endpoint's policy
	// LayerAWS marks a reason that is a rule AWS enforces beyond the
	// policies (docs/semantics.md §10): its Statement names the rule, its
	// Source the AWS page.
	LayerAWS Layer = "aws"
)

// Effect is the effect of a statement.
type Effect string

// The effects of a statement.
const (
	EffectAllow Effect = "Allow"
	EffectDeny  Effect = "Deny"
)

// Verdict is what one layer says of a request.
type Verdict string

// The verdicts of a layer.
const (
	VerdictAllow    Verdict = "allow"    // a statement allowed it, none denied it
	VerdictDeny     Verdict = "deny"     // a statement denied it
	VerdictImplicit Verdict = "implicit" // no statement applied
	VerdictAbsent   Verdict = "absent"   // the layer does not take part
)

// denied is the decision for a request that could not be decided, for the
// reason given.
func denied(code ErrorCode, reason string) Decision {
	return Decision{
		Decision:       ImplicitDeny,
		Reasons:        []Reason{},
		Layers:         Layers{VerdictAbsent, VerdictAbsent, VerdictAbsent, VerdictAbsent, VerdictAbsent, VerdictAbsent, VerdictAbsent},
		MissingContext: []string{},
		Errors:         []string{reason},
		ErrorDetails:   []DecisionError{{Code: code, Message: reason}},
	}
}
