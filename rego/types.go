package rego

import "time"

// Request is one authorization request (DESIGN.md §3).
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
// of DESIGN.md §3.
type Decision struct {
	Allowed        bool     `json:"allowed"`
	Decision       string   `json:"decision"` // allow | explicit_deny | implicit_deny
	Reasons        []Reason `json:"reasons"`
	Layers         Layers   `json:"layers"`
	MissingContext []string `json:"missing_context"`
	Errors         []string `json:"errors"`
}

// Reason is a statement that decided: an Allow that granted, or a Deny.
type Reason struct {
	Layer     string `json:"layer"`     // scp | resource | identity | boundary | session
	Policy    string `json:"policy"`    // the policy's HCL reference, e.g. policy.register
	Statement string `json:"statement"` // its Sid, or [index]
	Effect    string `json:"effect"`
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

// Layers is the verdict of each policy layer: allow, deny, implicit (no
// statement applied) or absent (the layer does not take part).
type Layers struct {
	SCP      string `json:"scp"`
	Boundary string `json:"boundary"`
	Identity string `json:"identity"`
	Resource string `json:"resource"`
	Session  string `json:"session"`
}

// String renders the verdicts on one line, for people:
// "scp allow · boundary absent · identity allow · resource absent · session absent".
func (l Layers) String() string {
	return "scp " + l.SCP + " · boundary " + l.Boundary + " · identity " + l.Identity +
		" · resource " + l.Resource + " · session " + l.Session
}

// Implicit names the layers where no statement applied, in layer order:
// those that withheld an allow.
func (l Layers) Implicit() []string {
	var out []string
	for _, x := range [...][2]string{{"scp", l.SCP}, {"boundary", l.Boundary}, {"identity", l.Identity}, {"resource", l.Resource}, {"session", l.Session}} {
		if x[1] == "implicit" {
			out = append(out, x[0])
		}
	}
	return out
}

// Decision values.
const (
	Allow        = "allow"
	ExplicitDeny = "explicit_deny"
	ImplicitDeny = "implicit_deny"
)

// denied is the decision for a request that could not be decided.
func denied(reasons ...string) Decision {
	return Decision{
		Decision:       ImplicitDeny,
		Reasons:        []Reason{},
		Layers:         Layers{"absent", "absent", "absent", "absent", "absent"},
		MissingContext: []string{},
		Errors:         reasons,
	}
}
