package gen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Config chooses the organization.
type Config struct {
	// Statements is the number of statements in the project, every kind of
	// policy counted (managed, boundary, SCP, trust). At least 20.
	Statements int
	// Seed makes the organization; the same Config gives the same files.
	Seed uint64
}

// The accounts of every generated organization.
const (
	HQAccount     = "100000000000" // the management account
	MemberAccount = "200000000000" // where every user, group, role and policy lives
)

// Regions allowed by the guard SCP; a request anywhere else is denied by it,
// except for the global services.
var Regions = []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1"}

// globalServices are exempt from the region guard, as in AWS's own example of
// a region-restricting SCP (they have no region).
var globalServices = []string{"iam:*", "organizations:*", "sts:*", "support:*"}

var (
	serviceNames = []string{"s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "kms", "logs", "ssm",
		"secretsmanager", "ecr", "ecs", "rds", "glue", "athena", "kinesis", "cloudwatch", "events",
		"states", "elasticache"}
	nounPool = []string{"Object", "Bucket", "Table", "Queue", "Topic", "Function", "Key", "Secret",
		"Parameter", "Stream", "Cluster", "Snapshot", "Image", "Volume", "Instance", "Alarm", "Rule",
		"Job", "Database", "Index", "Repository", "Layer", "Workflow", "Dashboard"}
	// Verbs of every service's actions. Delete is the only verb of Deny
	// statements; Describe and List the only verbs of Allows on "*".
	verbs = []string{"Get", "List", "Describe", "Put", "Create", "Update", "Delete", "Tag"}
	// Verbs a designed allow may use with a namespace statement.
	allowVerbs = []string{"Get", "List", "Describe", "Put", "Create", "Update", "Tag"}
)

// Service is a service prefix of the generated catalog and its actions.
type Service struct {
	Name  string
	Nouns []string // its resource types; the actions are every verb × noun
}

// Actions lists the service's actions, "svc:VerbNoun".
func (s *Service) Actions() []string {
	var out []string
	for _, n := range s.Nouns {
		for _, v := range verbs {
			out = append(out, s.Name+":"+v+n)
		}
	}
	return out
}

// Shape is how a statement was made; see the package documentation.
type Shape string

// The shapes of generated statements.
const (
	AllowWild   Shape = "allow-wild"
	AllowExact  Shape = "allow-exact"
	AllowMid    Shape = "allow-mid"
	AllowRead   Shape = "allow-read"
	AllowSuffix Shape = "allow-suffix"
	DenyProd    Shape = "deny-prod"
	DenyOffnet  Shape = "deny-offnet"
	Guardrail   Shape = "guardrail" // SCPs and boundaries
	Trust       Shape = "trust"
)

// Condition is one condition block.
type Condition struct {
	Test     string
	Variable string
	Values   []string
}

// Statement is one statement of a policy.
type Statement struct {
	Sid        string
	Effect     string // Allow or Deny
	Actions    []string
	NotActions []string // instead of Actions
	Resources  []string // none in trust statements
	Conditions []Condition
	Principals []*User // trust statements: the users the role trusts
	Shape      Shape

	// What requests the statement decides are made of.
	svc, svc2 *Service
	noun      string
	team      int
	proj      int
	regions   []string // allow-wild: the regions of its condition; allow-exact: the ARNs' region
	items     []int    // allow-exact: the items of its two ARNs
	net       int      // allow-mid: the second octet of its 10.net.0.0/16
}

// Policy is a managed policy, a boundary, an SCP or a trust policy.
type Policy struct {
	Name       string
	Team       int // the group whose namespace it governs; -1 for guardrails
	Statements []*Statement
}

// Ref is the policy's HCL reference.
func (p *Policy) Ref() string { return "policy." + p.Name }

// User is an IAM user.
type User struct {
	Name     string
	Groups   []*Group
	Policies []*Policy
	Boundary *Policy
}

// ARN is the user's ARN.
func (u *User) ARN() string { return "arn:aws:iam::" + MemberAccount + ":user/" + u.Name }

// Group is an IAM group: a team.
type Group struct {
	Name     string
	Index    int
	Policies []*Policy
	Members  []*User
	heavy    bool
}

// Role is an IAM role.
type Role struct {
	Name     string
	Team     int
	Policies []*Policy
	Boundary *Policy
	Trust    *Policy
	Trusted  []*User
}

// ARN is the role's ARN.
func (r *Role) ARN() string { return "arn:aws:iam::" + MemberAccount + ":role/" + r.Name }

// Org is a generated organization.
type Org struct {
	Config     Config
	Services   []*Service
	SCPs       []*Policy // attached to the unit "workloads"
	Boundaries []*Policy
	Policies   []*Policy // managed policies
	Users      []*User
	Groups     []*Group
	Roles      []*Role
	Heavy      []*User // users in 10 groups of 10 policies each
}

// Statements counts the organization's statements.
func (o *Org) Statements() int {
	n := 0
	for _, ps := range [][]*Policy{o.SCPs, o.Boundaries, o.Policies} {
		for _, p := range ps {
			n += len(p.Statements)
		}
	}
	for _, r := range o.Roles {
		if r.Trust != nil {
			n += len(r.Trust.Statements)
		}
	}
	return n
}

// MinStatements is the smallest organization New makes.
const MinStatements = 20

// New generates the organization of cfg.
func New(cfg Config) (*Org, error) {
	if cfg.Statements < MinStatements {
		return nil, fmt.Errorf("gen: at least %d statements, not %d", MinStatements, cfg.Statements)
	}
	g := &generator{rng: rand.New(rand.NewPCG(cfg.Seed, 0x1a3c)), org: &Org{Config: cfg}}
	g.build()
	if got := g.org.Statements(); got != cfg.Statements {
		return nil, fmt.Errorf("gen: made %d statements instead of %d", got, cfg.Statements)
	}
	return g.org, nil
}

type generator struct {
	rng *rand.Rand
	org *Org
}

func (g *generator) intn(n int) int { return g.rng.IntN(n) }

// between returns lo..hi inclusive.
func (g *generator) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

func (g *generator) build() {
	o := g.org
	n := o.Config.Statements
	for _, name := range serviceNames {
		s := &Service{Name: name}
		for _, i := range g.rng.Perm(len(nounPool))[:4] {
			s.Nouns = append(s.Nouns, nounPool[i])
		}
		o.Services = append(o.Services, s)
	}

	// Guardrails: two SCPs (3 statements) and the boundaries.
	o.SCPs = []*Policy{
		{Name: "full_access", Team: -1, Statements: []*Statement{{Sid: "FullAWSAccess", Effect: "Allow",
			Actions: []string{"*"}, Resources: []string{"*"}, Shape: Guardrail}}},
		{Name: "guard", Team: -1, Statements: []*Statement{
			{Sid: "DenyOtherRegions", Effect: "Deny", NotActions: globalServices, Resources: []string{"*"}, Shape: Guardrail,
				Conditions: []Condition{{Test: "StringNotEquals", Variable: "aws:RequestedRegion", Values: Regions}}},
			{Sid: "DenyLeaveOrg", Effect: "Deny", Actions: []string{"organizations:LeaveOrganization"},
				Resources: []string{"*"}, Shape: Guardrail},
		}},
	}
	for i := range clamp(n/20000, 1, 5) {
		excluded := g.rng.Perm(len(o.Services))[:2]
		var actions []string
		for j, s := range o.Services {
			if j != excluded[0] && j != excluded[1] {
				actions = append(actions, s.Name+":*")
			}
		}
		o.Boundaries = append(o.Boundaries, &Policy{Name: fmt.Sprintf("boundary%d", i), Team: -1,
			Statements: []*Statement{{Sid: "Services", Effect: "Allow", Actions: actions, Resources: []string{"*"}, Shape: Guardrail}}})
	}

	// Identities.
	nUsers, nGroups, nRoles := max(2, n/10), max(10, n/100), max(1, n/50)
	for i := range nGroups {
		o.Groups = append(o.Groups, &Group{Name: fmt.Sprintf("g%04d", i), Index: i})
	}
	for i := range nUsers {
		o.Users = append(o.Users, &User{Name: fmt.Sprintf("u%05d", i)})
	}
	for i := range nRoles {
		o.Roles = append(o.Roles, &Role{Name: fmt.Sprintf("r%04d", i), Team: g.intn(nGroups)})
	}

	// Managed policies fill the rest of the budget.
	budget := n - o.Statements() - nRoles
	for i := 0; budget > 0; i++ {
		k := min(budget, g.between(1, 15))
		o.Policies = append(o.Policies, g.policy(fmt.Sprintf("p%05d", i), g.intn(nGroups), k))
		budget -= k
	}

	// Heavy groups have 10 policies; the others 1 to 5. Policies are dealt
	// from a shuffled deck, so that each is attached before any is attached
	// twice.
	deck := &deck{g: g, n: len(o.Policies)}
	nHeavy := max(10, nGroups/10)
	for _, gr := range o.Groups {
		k := g.between(1, 5)
		if gr.Index < nHeavy {
			gr.heavy, k = true, 10
		}
		gr.Policies = g.attach(deck, k)
	}
	heavyUsers := 0
	if len(o.Policies) >= 10 {
		heavyUsers = max(1, nUsers/100)
	}
	for i, u := range o.Users {
		var groups []int
		if i < heavyUsers {
			groups = g.rng.Perm(nHeavy)[:10]
			o.Heavy = append(o.Heavy, u)
		} else {
			groups = g.rng.Perm(nGroups)[:g.between(1, 3)]
		}
		for _, gi := range groups {
			u.Groups = append(u.Groups, o.Groups[gi])
			o.Groups[gi].Members = append(o.Groups[gi].Members, u)
		}
		if g.intn(10) < 3 {
			u.Policies = g.attach(deck, g.between(1, 2))
		}
		if g.intn(10) < 2 {
			u.Boundary = o.Boundaries[g.intn(len(o.Boundaries))]
		}
	}
	for _, r := range o.Roles {
		r.Policies = g.attach(deck, g.between(1, 3))
		if g.intn(10) < 1 {
			r.Boundary = o.Boundaries[g.intn(len(o.Boundaries))]
		}
		members := o.Groups[r.Team].Members
		if len(members) == 0 {
			members = o.Users
		}
		for _, i := range g.rng.Perm(len(members))[:min(len(members), g.between(1, 3))] {
			r.Trusted = append(r.Trusted, members[i])
		}
		r.Trust = &Policy{Name: r.Name + ".trust", Team: -1, Statements: []*Statement{{Sid: "Team", Effect: "Allow",
			Actions: []string{"sts:AssumeRole"}, Principals: r.Trusted, Shape: Trust}}}
	}
}

// deck deals policy indexes: a permutation, then another.
type deck struct {
	g    *generator
	n    int
	perm []int
}

func (d *deck) next() int {
	if len(d.perm) == 0 {
		d.perm = d.g.rng.Perm(d.n)
	}
	i := d.perm[0]
	d.perm = d.perm[1:]
	return i
}

// attach deals k distinct policies (fewer when there are fewer).
func (g *generator) attach(d *deck, k int) []*Policy {
	k = min(k, len(g.org.Policies))
	seen := map[int]bool{}
	var out []*Policy
	for len(out) < k {
		i := d.next()
		if !seen[i] {
			seen[i] = true
			out = append(out, g.org.Policies[i])
		}
	}
	return out
}

// policy makes a managed policy of team with k statements over 1 to 3
// services.
func (g *generator) policy(name string, team, k int) *Policy {
	p := &Policy{Name: name, Team: team}
	var svcs []*Service
	for _, i := range g.rng.Perm(len(g.org.Services))[:g.between(1, 3)] {
		svcs = append(svcs, g.org.Services[i])
	}
	for i := range k {
		s := g.statement(svcs, team)
		s.Sid = fmt.Sprintf("S%d", i)
		p.Statements = append(p.Statements, s)
	}
	return p
}

// statement makes one statement of a team's policy; shapes by weight.
func (g *generator) statement(svcs []*Service, team int) *Statement {
	svc := svcs[g.intn(len(svcs))]
	noun := svc.Nouns[g.intn(len(svc.Nouns))]
	s := &Statement{Effect: "Allow", svc: svc, noun: noun, team: team}
	ns := fmt.Sprintf("arn:aws:%s:*:%s:%s/team-%d/", svc.Name, MemberAccount, strings.ToLower(noun), team)
	switch w := g.intn(100); {
	case w < 25:
		s.Shape = AllowWild
		r := g.rng.Perm(len(Regions))[:2]
		s.regions = []string{Regions[r[0]], Regions[r[1]]}
		s.Actions = []string{svc.Name + ":Get*", svc.Name + ":List*"}
		s.Resources = []string{ns + "*"}
		s.Conditions = []Condition{{Test: "StringEquals", Variable: "aws:RequestedRegion", Values: s.regions}}
	case w < 50:
		s.Shape = AllowExact
		s.regions = []string{Regions[g.intn(len(Regions))]}
		s.proj = g.intn(20)
		s.items = []int{g.intn(500), 500 + g.intn(500)}
		s.Actions = []string{svc.Name + ":Get" + noun, svc.Name + ":Put" + noun, svc.Name + ":Update" + noun}
		for _, it := range s.items {
			s.Resources = append(s.Resources, exactARN(svc, noun, s.regions[0], team, "dev", s.proj, it))
		}
	case w < 65:
		s.Shape = AllowMid
		s.proj = g.intn(20)
		s.net = g.intn(256)
		s.Actions = []string{svc.Name + ":*"}
		s.Resources = []string{fmt.Sprintf("%s*/proj-%d/*", ns, s.proj)}
		s.Conditions = []Condition{{Test: "IpAddress", Variable: "aws:SourceIp", Values: []string{fmt.Sprintf("10.%d.0.0/16", s.net)}}}
	case w < 75:
		s.Shape = AllowRead
		s.svc2 = svcs[g.intn(len(svcs))]
		s.Actions = []string{svc.Name + ":Describe*", s.svc2.Name + ":List*"}
		if s.svc2 == svc {
			s.Actions = s.Actions[:1]
			s.Actions = append(s.Actions, svc.Name+":List*")
		}
		s.Resources = []string{"*"}
	case w < 90:
		s.Shape = AllowSuffix
		s.Actions = []string{svc.Name + ":*" + noun}
		s.Resources = []string{ns + "dev/*"}
	case w < 97:
		s.Shape, s.Effect = DenyProd, "Deny"
		s.Actions = []string{svc.Name + ":Delete*"}
		s.Resources = []string{fmt.Sprintf("arn:aws:%s:*:%s:*/team-%d/prod/*", svc.Name, MemberAccount, team)}
	default:
		s.Shape, s.Effect = DenyOffnet, "Deny"
		s.Actions = []string{svc.Name + ":Delete" + noun}
		s.Resources = []string{"*"}
		s.Conditions = []Condition{{Test: "NotIpAddress", Variable: "aws:SourceIp", Values: []string{"10.0.0.0/8"}}}
	}
	return s
}

func exactARN(svc *Service, noun, region string, team int, env string, proj, item int) string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s/team-%d/%s/proj-%d/item-%d",
		svc.Name, region, MemberAccount, strings.ToLower(noun), team, env, proj, item)
}

func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }
