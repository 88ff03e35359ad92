package schema

import (
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Project is a decoded project directory: every block of every *.hcl file,
// typed, with its source range. References between blocks are kept as [Ref]
// values and resolved by the compiler; values that other blocks read (ARNs,
// account IDs) are already computed.
type Project struct {
	// Dir is the directory the project was loaded from. Ranges carry file
	// names relative to it.
	Dir string
	// Sources maps a file name (as it appears in ranges) to its bytes, for
	// rendering diagnostics.
	Sources map[string][]byte

	Organizations []*Organization
	Units         []*Unit
	Accounts      []*Account
	Users         []*User
	Groups        []*Group
	Roles         []*Role
	Policies      []*Policy // managed identity policies (policy blocks)
	SCPs          []*Policy // service control policies (scp blocks)
	RCPs          []*Policy // resource control policies (rcp blocks)
	// AWSPolicies are the AWS managed policies the project attaches by ARN
	// without supplying their document: iamc's embedded copies (awsmanaged.go).
	AWSPolicies []*Policy
	Resources   []*Resource
	Services    []*Service
	Endpoints   []*VPCEndpoint // vpc_endpoint blocks (endpoint.go)
	// Defaults is the project's defaults block, nil when it has none.
	Defaults *Defaults
	// Suppressions are the findings of iamc check the project excuses
	// (project.go).
	Suppressions []*Suppression

	// Tests are the test blocks of *_test.hcl files, in file then source order.
	Tests []*Test
	// RegoTests maps the names of *_test.rego files to their bytes.
	RegoTests map[string][]byte
}

// Kind names a kind of block that can be referenced: "user", "role", …
type Kind string

const (
	KindOrganization Kind = "organization"
	KindUnit         Kind = "unit"
	KindAccount      Kind = "account"
	KindUser         Kind = "user"
	KindGroup        Kind = "group"
	KindRole         Kind = "role"
	KindPolicy       Kind = "policy"
	KindSCP          Kind = "scp"
	KindRCP          Kind = "rcp"
	KindResource     Kind = "resource"
	KindService      Kind = "service"
	KindVPCEndpoint  Kind = "vpc_endpoint"
)

// Ref is a reference to another block, such as policy.register.
type Ref struct {
	Kind  Kind
	Name  string
	Range hcl.Range
}

func (r Ref) String() string { return string(r.Kind) + "." + r.Name }

// String is a string value with the range it was written at.
type String struct {
	Value string
	Range hcl.Range
}

// Organization is an AWS Organizations organization: the root of the tree of
// units and accounts.
type Organization struct {
	Name       string
	ID         string // o-xxxxxxxxxx; derived from the name when not given
	Management *Ref   // the management account
	// Policies are the SCPs attached at the root. Nil means the default
	// FullAWSAccess policy.
	Policies  []Ref
	RCPs      []Ref // resource control policies attached at the root
	DeclRange hcl.Range
}

// Unit is an organizational unit.
type Unit struct {
	Name      string
	ID        string // ou-xxxx-xxxxxxxx; derived when not given
	Parent    Ref    // organization or unit
	Policies  []Ref  // nil: FullAWSAccess
	RCPs      []Ref  // resource control policies attached to the unit
	DeclRange hcl.Range
}

// Account is an AWS account.
type Account struct {
	Name      string
	ID        string
	IDRange   hcl.Range
	Parent    *Ref  // organization or unit; nil for a standalone account
	Policies  []Ref // SCPs attached to the account; nil: FullAWSAccess
	RCPs      []Ref // resource control policies attached to the account
	Tags      map[string]string
	Implicit  bool // the default account of a project that declares none
	DeclRange hcl.Range
}

// RootARN is the ARN of the account's root user.
func (a *Account) RootARN() string { return "arn:aws:iam::" + a.ID + ":root" }

// User is an IAM user.
type User struct {
	Name      string // the block's label, its HCL reference
	IAMName   string // the IAM user name (name, else the label)
	Account   string // account block name
	Path      string
	ARN       string
	UniqueID  string
	Groups    []Ref
	Policies  []Ref     // managed policies attached to the user
	Inline    []*Policy // inline policies
	Boundary  *Ref      // permissions boundary (a policy)
	Tags      map[string]string
	DeclRange hcl.Range
}

// Group is an IAM group. Groups are never principals.
type Group struct {
	Name      string // the block's label
	IAMName   string // the IAM group name
	Account   string
	Path      string
	ARN       string
	Policies  []Ref
	Inline    []*Policy
	DeclRange hcl.Range
}

// Role is an IAM role.
type Role struct {
	Name               string // the block's label
	IAMName            string // the IAM role name
	Account            string
	Path               string
	ARN                string
	UniqueID           string
	Policies           []Ref
	Inline             []*Policy
	Boundary           *Ref
	Tags               map[string]string
	MaxSessionDuration time.Duration
	ServiceLinked      bool
	Trust              *Policy // the trust policy; nil: nobody may assume the role
	DeclRange          hcl.Range
}

// PolicyKind says where a policy document is used; validation rules depend on it.
type PolicyKind string

const (
	PolicyIdentity PolicyKind = "identity" // managed (policy block) or inline
	PolicySCP      PolicyKind = "scp"
	PolicyTrust    PolicyKind = "trust"
	PolicyResource PolicyKind = "resource"
	PolicySession  PolicyKind = "session"
	PolicyRCP      PolicyKind = "rcp"
	PolicyEndpoint PolicyKind = "endpoint" // the policy of a VPC endpoint
)

// Policy is a named policy document: a managed policy, an inline policy, an
// SCP, a role trust policy or a resource-based policy.
type Policy struct {
	Kind    PolicyKind
	Name    string // the block's label (an inline policy's name)
	IAMName string // a managed policy's IAM name (name, else the label)
	// AWSManaged marks an AWS managed policy, attached by its ARN: iamc's
	// embedded copy, or a policy block whose arn names it.
	AWSManaged  bool
	Owner       string // for inline, trust and resource policies: "user.x", "role.x", …
	Account     string // account block name, when known
	Path        string
	ARN         string
	Description string
	Document    *Document
	DeclRange   hcl.Range
}

// Document is a policy document: HCL statement blocks or a plain AWS JSON
// policy.
type Document struct {
	Version    string // "2012-10-17", "2008-10-17" or "" (absent)
	ID         string
	Statements []*Statement
	// JSON is true when the document came from AWS JSON; Size is then its
	// length in characters and NonSpace the count of non-whitespace ones.
	JSON     bool
	Size     int
	NonSpace int
	Range    hcl.Range
}

// Effect is Allow or Deny.
type Effect string

const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Statement is one statement of a policy document.
type Statement struct {
	Sid    string
	Effect Effect
	// Exactly one of Actions and NotActions is set (non-nil).
	Actions    []String
	NotActions []String
	// At most one of Resources and NotResources is set.
	Resources    []String
	NotResources []String
	// At most one of Principals and NotPrincipals is set.
	Principals    []Principal
	NotPrincipals []Principal
	Conditions    []Condition
	Range         hcl.Range // the statement as a whole (block header or JSON object start)
}

// HasPrincipal reports whether the statement has a Principal or NotPrincipal.
func (s *Statement) HasPrincipal() bool { return s.Principals != nil || s.NotPrincipals != nil }

// Principal is one entry of a Principal element: a type ("AWS", "Service",
// "Federated", "CanonicalUser", or "*" for the bare wildcard) and identifiers.
type Principal struct {
	Type        string
	Identifiers []String
	Range       hcl.Range
}

// Condition is one operator/key pair of a Condition element.
type Condition struct {
	Operator String // as written, e.g. "ForAnyValue:StringLikeIfExists"
	Key      String
	Values   []String
	Range    hcl.Range
}

// Resource is a resource with a resource-based policy.
type Resource struct {
	Name      string
	ARN       string
	ARNRange  hcl.Range
	Account   string // account block name; "" when the resource belongs to no declared account
	Policy    *Policy
	Tags      map[string]string
	DeclRange hcl.Range
}

// Service is an optional catalog of the actions of a service prefix.
type Service struct {
	Name      string
	Actions   []String
	DeclRange hcl.Range
}

// Test is one test case of a *_test.hcl suite. A block with for_each expands
// to one Test per element.
type Test struct {
	Name      string
	Principal String // an ARN, "anonymous" or a service principal
	// Assume is the chain of roles to assume, in order (usually one).
	Assume []String
	// Federated makes the request from a federated user session of
	// Principal (GetFederationToken), with SessionPolicy as its policy.
	Federated   bool
	SessionTags map[string]string
	MFA         bool
	// UserSession makes the request from the principal's own temporary
	// credentials (a console sign-in or GetSessionToken, with MFA when MFA
	// is set): a test that gives mfa without assume.
	UserSession   bool
	SessionName   string
	SessionPolicy *Document
	Duration      time.Duration
	IssuedAt      string
	// Time is the time of the request (RFC 3339); empty means the run's.
	Time     string
	Action   String
	Resource String
	Context  map[string]any
	// AssumeContext is the request context of the AssumeRole (or
	// GetFederationToken) calls, such as sts:ExternalId.
	AssumeContext map[string]any
	Expect        String // allow | deny | explicit_deny | implicit_deny
	// ExpectStatement names the deciding statement: "policy.name.statement.Sid".
	ExpectStatement *String
	// ExpectMissingContext, when set, lists the keys expected in missing_context.
	ExpectMissingContext []string
	HasExpectMissing     bool
	Doc                  string
	DeclRange            hcl.Range
}
