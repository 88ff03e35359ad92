package analysis

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/iamc/iamc/rego"
)

// SessionName is the name of the role sessions the analyses make.
const SessionName = "iamc-analysis"

// Credentials say how a caller signs its requests.
type Credentials string

// The credentials of the callers the analyses ask about.
const (
	LongTermKeys     Credentials = "long-term keys"
	MFASession       Credentials = "session with MFA"
	RoleSession      Credentials = "role session"
	RoleSessionMFA   Credentials = "role session with MFA"
	FederatedSession Credentials = "federated user session"
	ServiceCall      Credentials = "service"
	Unsigned         Credentials = "unsigned"
)

// Caller is who makes a request: a principal of the model with its
// credentials, a service principal or an anonymous caller.
type Caller struct {
	// Node is the principal of the model (a user, a root user, or the role
	// of a session); nil for a service or anonymous caller.
	Node *Principal
	// Principal is the request's principal: an ARN, a session ARN, a
	// service principal or "anonymous".
	Principal   string
	Kind        Kind
	Credentials Credentials
	MFA         bool
	Session     *rego.Session
}

// ID names the caller's node in answers and graphs: the principal's ARN
// (a role's for its sessions), a service principal, "anonymous".
func (c Caller) ID() string {
	if c.Node != nil {
		return c.Node.ARN
	}
	return c.Principal
}

// Ref names the caller for people: user.x, role.R, account.a, or the
// service principal.
func (c Caller) Ref() string {
	if c.Node != nil {
		return c.Node.Ref()
	}
	return c.Principal
}

// now is the time the analyses' sessions start: a second ago, so that the
// engine's clock is never before it.
func now() time.Time { return time.Now().UTC().Add(-time.Second).Truncate(time.Second) }

// callerOf makes the caller for a principal of the model: a user or root
// user with long-term keys, or with MFA (a session of its own); a session
// of a role, with or without MFA.
func callerOf(p *Principal, mfa bool, at time.Time) Caller {
	c := Caller{Node: p, Principal: p.ARN, Kind: p.Kind, MFA: mfa}
	switch {
	case p.Kind == KindRole:
		c.Credentials = RoleSession
		if mfa {
			c.Credentials = RoleSessionMFA
		}
		arn := "arn:aws:sts::" + p.Account + ":assumed-role/" + p.Name + "/" + SessionName
		c.Principal = arn
		c.Session = &rego.Session{Role: p.ARN, Name: SessionName, ARN: arn, MFA: mfa,
			IssuedAt: at, ExpiresAt: at.Add(15 * time.Minute)}
	case mfa:
		c.Credentials = MFASession
		c.Session = &rego.Session{Type: "user", MFA: true, IssuedAt: at, ExpiresAt: at.Add(time.Hour)}
	default:
		c.Credentials = LongTermKeys
	}
	return c
}

// serviceCaller is a service principal; anonymousCaller an unsigned
// request.
func serviceCaller(name string) Caller {
	return Caller{Principal: name, Kind: KindService, Credentials: ServiceCall}
}

var anonymousCaller = Caller{Principal: "anonymous", Kind: KindAnonymous, Credentials: Unsigned}

// federatedCaller is the federated user session (GetFederationToken) of a
// user, with a session policy that allows everything: the session can do
// what its user can, within the user's boundary.
func federatedCaller(u *Principal, at time.Time) Caller {
	arn := "arn:aws:sts::" + u.Account + ":federated-user/" + u.Name
	return Caller{Node: u, Principal: arn, Kind: KindFederated, Credentials: FederatedSession,
		Session: &rego.Session{Type: "federated", Name: u.Name, ARN: arn, Source: u.ARN, IssuedAt: at,
			ExpiresAt: at.Add(time.Hour), Policy: allowAll}}
}

var allowAll = map[string]any{"Version": "2012-10-17", "Statement": []any{
	map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"},
}}

// request is the caller's request for a lower-case action on a resource.
func (c Caller) request(action, resource string, ctx map[string]any) rego.Request {
	return rego.Request{Principal: c.Principal, Action: action, Resource: resource, Context: ctx, Session: c.Session}
}

// decideAll decides requests with one DecideBatch, which evaluates them in
// one chunk per processor. A decision that failed to evaluate denies (the
// engine's contract); the engine's error, or the first request it could
// not decide (undecided), is returned.
func (p *Project) decideAll(ctx context.Context, reqs []rego.Request) ([]rego.Decision, error) {
	if len(reqs) == 0 {
		return []rego.Decision{}, nil
	}
	out, err := p.Engine.DecideBatch(ctx, reqs)
	if cerr := ctx.Err(); cerr != nil {
		return nil, cerr
	}
	if err == nil {
		err = undecided(reqs, out)
	}
	return out, err
}

// answers are the decision errors that answer the question: the caller
// cannot make the request (a principal one revision does not have, the
// root user assuming a role, a role or an action that does not exist). Any
// other error means the engine could not decide a request an analysis
// asked, and the analysis fails rather than count it as a deny, which
// would leave someone out of the answer.
var answers = map[rego.ErrorCode]bool{
	rego.ErrUnknownPrincipal: true, rego.ErrInvalidSTSRequest: true,
	rego.ErrUnknownRole: true, rego.ErrUnknownAction: true,
}

// undecided reports the decisions whose errors are not answers.
func undecided(reqs []rego.Request, ds []rego.Decision) error {
	n, firstAt := 0, -1
	for i, d := range ds {
		for _, e := range d.ErrorDetails {
			if !answers[e.Code] {
				if firstAt < 0 {
					firstAt = i
				}
				n++
				break
			}
		}
	}
	if n == 0 {
		return nil
	}
	r := reqs[firstAt]
	return fmt.Errorf("the engine could not decide %d of the %d requests asked (the first: %s %s on %s: %s)",
		n, len(reqs), r.Principal, r.Action, r.Resource, strings.Join(ds[firstAt].Errors, "; "))
}

// principalsOf returns the model's users and root users and its roles, in
// ARN order.
func (m *Model) principalsOf() []*Principal {
	out := make([]*Principal, 0, len(m.Principals)+len(m.Roles))
	for _, p := range m.Principals {
		out = append(out, p)
	}
	for _, p := range m.Roles {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}

// inAccount returns the principals of the model in an account.
func (m *Model) inAccount(account string) []*Principal {
	var out []*Principal
	for _, p := range m.principalsOf() {
		if p.Account == account {
			out = append(out, p)
		}
	}
	return out
}
