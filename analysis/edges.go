package analysis

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/iamc/iamc/rego"
)

// Edge is a way for one principal to act as another: to assume a role
// (sts:AssumeRole), or one of the escalations of Escalations. Every
// request it rests on was allowed by the engine.
type Edge struct {
	From     string `json:"from"`
	FromRef  string `json:"from_ref"`
	FromKind Kind   `json:"from_kind"`
	To       string `json:"to"`
	ToRef    string `json:"to_ref"`
	// Via names the way: assume-role, or an escalation (pass-role:lambda,
	// create-access-key, …).
	Via string `json:"via"`
	// MFA: the requests were allowed only with MFA.
	MFA bool `json:"mfa,omitempty"`
	// Context is what the request context had to hold (sts:ExternalId, …).
	Context map[string]any `json:"context,omitempty"`
	// Requests are the requests the engine allowed, with the statements
	// that allowed them.
	Requests []Asked `json:"requests"`
}

// Asked is a request the engine decided, with the statements that decided.
type Asked struct {
	Principal string         `json:"principal"`
	Action    string         `json:"action"`
	Resource  string         `json:"resource"`
	Context   map[string]any `json:"context,omitempty"`
	Decision  rego.Outcome   `json:"decision"`
	Reasons   []rego.Reason  `json:"reasons"`
}

// Outside is a grant to a principal the model does not hold — another
// account, a federated identity provider, any principal ("*") — which the
// engine cannot decide for: whether it is allowed depends on the policies
// of its own account. It is reported with the statement that grants it.
type Outside struct {
	Principal  string   `json:"principal"`
	Kind       Kind     `json:"kind"`
	Statement  string   `json:"statement"` // its HCL reference
	Source     string   `json:"source"`
	Conditions []string `json:"conditions,omitempty"`
}

func outsideOf(id string, s *Statement) Outside {
	o := Outside{Principal: id, Kind: KindExternal, Statement: s.Ref(), Source: s.Source, Conditions: conditionTexts(s)}
	switch {
	case strings.HasPrefix(id, "fed:"):
		o.Principal, o.Kind = strings.TrimPrefix(id, "fed:"), KindFederated
	case strings.HasPrefix(id, "canonical:"):
		o.Principal = strings.TrimPrefix(id, "canonical:")
	}
	return o
}

// candidate is a caller to ask about, with the statements that name it.
type candidate struct {
	caller Caller
	stmts  []*Statement
}

// namedCallers returns the callers of the model that the Allow statements
// of a resource-based policy (or trust policy) name, for a request for
// action on resource; and the grants to principals outside it. A
// statement naming an account admits the account's principals whose own
// identity policies may allow the request (and its root user).
func (p *Project) namedCallers(stmts []*Statement, action, resource string, at time.Time) ([]candidate, []Outside) {
	m := p.Model
	byID := map[string]*candidate{}
	var order []string
	var outside []Outside
	seenOutside := map[string]bool{}
	add := func(c Caller, s *Statement) {
		id := c.Principal
		if byID[id] == nil {
			byID[id] = &candidate{caller: c}
			order = append(order, id)
		}
		byID[id].stmts = append(byID[id].stmts, s)
	}
	addOutside := func(id string, s *Statement) {
		o := outsideOf(id, s)
		k := o.Principal + "\x00" + o.Statement
		if !seenOutside[k] {
			seenOutside[k] = true
			outside = append(outside, o)
		}
	}
	delegated := func(pr *Principal) bool {
		return pr.Kind == KindRoot || len(pr.Identity().mayAllow(action, resource)) > 0
	}
	for _, s := range stmts {
		ids := make([]string, 0, len(s.Principals))
		for id := range s.Principals {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			switch {
			case id == "*":
				for _, pr := range m.principalsOf() {
					add(callerOf(pr, false, at), s)
				}
				add(anonymousCaller, s)
				for _, svc := range m.services() {
					add(serviceCaller(svc), s)
				}
				addOutside("*", s)
			case strings.HasPrefix(id, "svc:"):
				add(serviceCaller(strings.TrimPrefix(id, "svc:")), s)
			case strings.HasPrefix(id, "fed:"), strings.HasPrefix(id, "canonical:"):
				addOutside(id, s)
			case isAccountID(id):
				if _, ok := m.Accounts[id]; !ok {
					addOutside(id, s)
					continue
				}
				for _, pr := range m.inAccount(id) {
					if delegated(pr) {
						add(callerOf(pr, false, at), s)
					}
				}
			default:
				if pr := m.Principals[id]; pr != nil {
					add(callerOf(pr, false, at), s)
				} else if pr := m.Roles[id]; pr != nil {
					add(callerOf(pr, false, at), s)
				} else if role, name := m.sessionRole(id); role != nil {
					add(namedSession(role, name, false, at), s)
				} else {
					addOutside(id, s)
				}
			}
		}
	}
	out := make([]candidate, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return out, outside
}

func isAccountID(s string) bool {
	return len(s) == 12 && strings.Trim(s, "0123456789") == ""
}

// sessionRole returns the role and session name of an assumed-role
// session ARN of the model.
func (m *Model) sessionRole(arn string) (*Principal, string) {
	rest, ok := strings.CutPrefix(arn, "arn:aws:sts::")
	if !ok {
		return nil, ""
	}
	acct, rest, _ := strings.Cut(rest, ":assumed-role/")
	name, session, ok := strings.Cut(rest, "/")
	if !ok {
		return nil, ""
	}
	for _, r := range m.Roles {
		if r.Account == acct && r.Name == name {
			return r, session
		}
	}
	return nil, ""
}

// namedSession is a session of a role with a given name.
func namedSession(role *Principal, name string, mfa bool, at time.Time) Caller {
	c := callerOf(role, mfa, at)
	arn := "arn:aws:sts::" + role.Account + ":assumed-role/" + role.Name + "/" + name
	c.Principal = arn
	s := *c.Session
	s.Name, s.ARN = name, arn
	c.Session = &s
	return c
}

// withMFA is the same caller with MFA credentials.
func withMFA(c Caller, at time.Time) Caller {
	if c.Node == nil || c.Kind == KindFederated {
		return c
	}
	if c.Kind == KindRole {
		if c.Session != nil && c.Session.Name != SessionName {
			return namedSession(c.Node, c.Session.Name, true, at)
		}
	}
	return callerOf(c.Node, true, at)
}

// variant is one way to ask a candidate's request.
type variant struct {
	caller   Caller
	ctx      map[string]any
	action   string // lower case
	resource string
}

// allowedVariant is the first variant of a candidate the engine allowed,
// with its decision (ok false when none was).
type allowedVariant struct {
	variant  variant
	decision rego.Decision
	ok       bool
}

// AssumeEdges returns every way into a role: each caller of the model the
// engine allows sts:AssumeRole on it (with MFA, or a context such as
// sts:ExternalId, when only that allows it), and the grants of its trust
// policy to principals outside the model.
func (p *Project) AssumeEdges(ctx context.Context, role *Principal, base map[string]any) ([]Edge, []Outside, error) {
	if role.Trust == nil {
		return nil, nil, nil
	}
	at := now()
	const action = "sts:assumerole"
	stmts := role.Trust.mayAllow(action, role.ARN)
	cands, outside := p.namedCallers(stmts, action, role.ARN, at)
	mfaOf := func(c candidate) bool {
		return readsMFA(role.Trust) || (c.caller.Node != nil && readsMFA(c.caller.Node.sets()...))
	}
	res, _, err := p.decideJobs(ctx, jobsFor(cands, action, role.ARN, role.Account, true, mfaOf), base)
	if err != nil {
		return nil, nil, err
	}
	var edges []Edge
	for i, r := range res {
		if !r.ok {
			continue
		}
		c := cands[i].caller
		edges = append(edges, Edge{From: c.ID(), FromRef: c.Ref(), FromKind: c.Kind, To: role.ARN, ToRef: role.Ref(),
			Via: "assume-role", MFA: r.variant.caller.MFA, Context: extraContext(base, r.variant.ctx),
			Requests: []Asked{asked(r.variant.caller, "sts:AssumeRole", role.ARN, r.variant.ctx, r.decision)}})
	}
	sortEdges(edges)
	return edges, outside, nil
}

func asked(c Caller, action, resource string, ctx map[string]any, d rego.Decision) Asked {
	return Asked{Principal: c.Principal, Action: action, Resource: resource, Context: ctx, Decision: d.Decision, Reasons: d.Reasons}
}

// extraContext is what a context adds to base; nil for nothing.
func extraContext(base, ctx map[string]any) map[string]any {
	var out map[string]any
	for k, v := range ctx {
		if _, ok := base[k]; ok {
			continue
		}
		if out == nil {
			out = map[string]any{}
		}
		out[k] = v
	}
	return out
}

func sortEdges(es []Edge) {
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].From != es[j].From {
			return es[i].From < es[j].From
		}
		if es[i].To != es[j].To {
			return es[i].To < es[j].To
		}
		return es[i].Via < es[j].Via
	})
}

// maxChain bounds the roles of a chain of sessions.
const maxChain = 5

// Assumptions memoizes the ways into each role, by role ARN, so that
// several questions share them.
type Assumptions map[string]*assumed

type assumed struct {
	edges   []Edge
	outside []Outside
}

// into returns the ways into a role, computing them once.
func (p *Project) into(ctx context.Context, role *Principal, base map[string]any, memo Assumptions) (*assumed, error) {
	if a, ok := memo[role.ARN]; ok {
		return a, nil
	}
	edges, outside, err := p.AssumeEdges(ctx, role, base)
	if err != nil {
		return nil, err
	}
	a := &assumed{edges, outside}
	memo[role.ARN] = a
	return a, nil
}

// WaysIn returns every chain of assumptions that leads into a role from a
// principal that is not a role (a user, a root user, a service), each a
// list of edges in order, and the grants to principals outside the model
// along the way. A chain holds when each of its steps is allowed; a step
// allowed only with MFA needs the chain to begin with MFA, which a chained
// session keeps.
func (p *Project) WaysIn(ctx context.Context, role *Principal, base map[string]any, memo Assumptions) ([][]Edge, []Outside, error) {
	var out [][]Edge
	var outside []Outside
	seenOutside := map[string]bool{}
	var walk func(r *Principal, suffix []Edge, visited map[string]bool) error
	walk = func(r *Principal, suffix []Edge, visited map[string]bool) error {
		a, err := p.into(ctx, r, base, memo)
		if err != nil {
			return err
		}
		for _, o := range a.outside {
			k := o.Principal + "\x00" + o.Statement
			if !seenOutside[k] {
				seenOutside[k] = true
				outside = append(outside, o)
			}
		}
		for _, e := range a.edges {
			path := append([]Edge{e}, suffix...)
			if e.FromKind != KindRole {
				out = append(out, path)
				continue
			}
			from := p.Model.Roles[e.From]
			if from == nil || visited[from.ARN] || len(path) >= maxChain {
				continue
			}
			visited[from.ARN] = true
			if err := walk(from, path, visited); err != nil {
				return err
			}
			delete(visited, from.ARN)
		}
		return nil
	}
	if err := walk(role, nil, map[string]bool{role.ARN: true}); err != nil {
		return nil, nil, err
	}
	return out, outside, nil
}

// services lists the service principals the model's statements name.
func (m *Model) services() []string {
	set := map[string]bool{}
	for _, s := range m.Statements {
		for id := range s.Principals {
			if name, ok := strings.CutPrefix(id, "svc:"); ok {
				set[name] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}
