package analysis

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/iamc/iamc/rego"
)

// CanQuery asks what a principal may do.
type CanQuery struct {
	// Principal is the ARN of a user, a root user or a role (for its
	// sessions).
	Principal string
	// Assume is the ARN of a role the principal assumes first: the
	// question is then about that role's session.
	Assume string
	// MFA: the credentials used MFA.
	MFA bool
	// Service keeps the actions of one service prefix; AccessLevel those
	// of an access level of the AWS catalog (read, write, list, tagging,
	// permissions-management); Resource asks about one resource only.
	Service     string
	AccessLevel string
	Resource    string
	Context     map[string]any
}

// Permission is a class of actions the engine allows on a resource.
type Permission struct {
	Service string   `json:"service"`
	Actions []string `json:"actions"`
	// Resource is the resource pattern a statement names; Asked the
	// resource the engine was asked about (an instance of the pattern).
	Resource string `json:"resource"`
	Asked    string `json:"asked"`
	MFA      bool   `json:"mfa,omitempty"`
	// Context is what the request context had to hold.
	Context map[string]any `json:"context,omitempty"`
	// Conditions are the conditions of the statements that allowed.
	Conditions []string      `json:"conditions,omitempty"`
	Decision   rego.Decision `json:"decision"`
}

// CanResult is what a principal may do.
type CanResult struct {
	Principal   string      `json:"principal"`
	Ref         string      `json:"ref"`
	Credentials Credentials `json:"credentials"`
	// Assumed is the sts:AssumeRole request that made the session, when
	// the question was about a role assumed first, and AssumedBy who made
	// it.
	Assumed     *Asked       `json:"assumed,omitempty"`
	AssumedBy   string       `json:"assumed_by,omitempty"`
	Permissions []Permission `json:"permissions"`
	// Classes is how many classes of actions were asked about; Asked how
	// many requests the engine decided.
	Classes int `json:"classes"`
	Asked   int `json:"asked"`
}

// CannotAssumeError is returned by Can when the principal cannot assume
// the role it was asked about.
type CannotAssumeError struct {
	Principal, Role string
	Decision        rego.Decision
}

func (e *CannotAssumeError) Error() string {
	return fmt.Sprintf("%s cannot assume %s (%s)", e.Principal, e.Role, e.Decision.Decision)
}

// Can returns every class of actions the principal (or the session of the
// role it assumes) may perform, on which resource patterns, with the
// conditions it depends on.
func (p *Project) Can(ctx context.Context, q CanQuery) (*CanResult, error) {
	c, assumed, err := p.canCaller(ctx, q)
	if err != nil {
		return nil, err
	}
	res := &CanResult{Principal: c.ID(), Ref: c.Ref(), Credentials: c.Credentials, Assumed: assumed, Permissions: []Permission{}}
	if assumed != nil {
		res.AssumedBy = p.refOf(q.Principal)
	}
	stmts, grants := p.canStatements(c)
	var allows []*Statement
	for _, s := range append(append([]*Statement(nil), stmts...), grants...) {
		if s.Allow() {
			allows = append(allows, s)
		}
	}
	actions := p.Model.actionsOf(allows)
	if c.Node.Kind == KindRoot {
		actions = p.Model.actionsOf([]*Statement{{Actions: []Pattern{{Kind: '*'}}}})
	}
	var kept []string
	for _, a := range actions {
		if q.Service != "" && !strings.EqualFold(strings.SplitN(a, ":", 2)[0], q.Service) {
			continue
		}
		if q.AccessLevel != "" && !levelMatches(a, q.AccessLevel) {
			continue
		}
		kept = append(kept, a)
	}
	classes := classify(kept, append(stmts, p.Model.resourceStatements()...))
	res.Classes = len(classes)
	var jobs []job
	var jobClass []int
	var jobPattern []string
	mfa := readsMFA(c.Node.sets()...)
	for i, cl := range classes {
		for _, r := range p.canResources(c, cl.Rep, allows, q.Resource) {
			e := p.Model.entryOf(cl.Rep, r.asked)
			account := e.account
			if account == "" {
				account = c.Node.Account
			}
			cand := candidate{caller: c, stmts: p.applying(c, cl.Rep, r.asked)}
			jobs = append(jobs, job{cand: cand, action: cl.Rep, resource: r.asked, account: account, governed: e.found,
				mfa: mfa || readsMFA(e.policy)})
			jobClass = append(jobClass, i)
			jobPattern = append(jobPattern, r.pattern)
		}
	}
	got, n, err := p.decideJobs(ctx, jobs, q.Context)
	if err != nil {
		return nil, err
	}
	res.Asked = n
	for i, g := range got {
		if !g.ok {
			continue
		}
		cl := classes[jobClass[i]]
		names := make([]string, len(cl.Actions))
		for k, a := range cl.Actions {
			names[k] = p.ActionName(a)
		}
		res.Permissions = append(res.Permissions, Permission{
			Service: strings.SplitN(cl.Rep, ":", 2)[0], Actions: names, Resource: jobPattern[i], Asked: jobs[i].resource,
			MFA: g.variant.caller.MFA && !c.MFA, Context: extraContext(q.Context, g.variant.ctx),
			Conditions: p.reasonConditions(g.decision), Decision: g.decision,
		})
	}
	res.Permissions = mergePermissions(res.Permissions)
	sort.SliceStable(res.Permissions, func(i, j int) bool {
		a, b := res.Permissions[i], res.Permissions[j]
		if a.Service != b.Service {
			return a.Service < b.Service
		}
		if a.Actions[0] != b.Actions[0] {
			return a.Actions[0] < b.Actions[0]
		}
		return a.Resource < b.Resource
	})
	return res, nil
}

// canCaller is the caller a CanQuery asks about; with Assume, the role's
// session once the engine allowed the principal to assume it.
func (p *Project) canCaller(ctx context.Context, q CanQuery) (Caller, *Asked, error) {
	m := p.Model
	at := now()
	node := m.Principals[q.Principal]
	if node == nil {
		node = m.Roles[q.Principal]
	}
	if node == nil {
		return Caller{}, nil, fmt.Errorf("no user, root user or role %q in this model", q.Principal)
	}
	if q.Assume == "" {
		return callerOf(node, q.MFA, at), nil, nil
	}
	role := m.Roles[q.Assume]
	if role == nil {
		return Caller{}, nil, fmt.Errorf("no role %q in this model", q.Assume)
	}
	from := callerOf(node, q.MFA, at)
	d, err := p.Engine.Decide(ctx, from.request("sts:AssumeRole", role.ARN, q.Context))
	if err != nil {
		return Caller{}, nil, err
	}
	if !d.Allowed {
		return Caller{}, nil, &CannotAssumeError{Principal: node.Ref(), Role: role.Ref(), Decision: d}
	}
	a := asked(from, "sts:AssumeRole", role.ARN, q.Context, d)
	return callerOf(role, q.MFA, at), &a, nil
}

// canStatements returns the statements of the caller's own policy sets,
// and the Allow statements of resource-based policies (and trust
// policies) that name it.
func (p *Project) canStatements(c Caller) (own, grants []*Statement) {
	for _, set := range c.Node.sets() {
		own = append(own, set.Statements...)
	}
	ids := p.callerIDs(c)
	for _, r := range p.sortedResources() {
		if r.Policy == nil {
			continue
		}
		for _, s := range r.Policy.Statements {
			if s.Allow() && s.names(ids...) {
				grants = append(grants, s)
			}
		}
	}
	for _, role := range p.sortedRoles() {
		if role.Trust == nil {
			continue
		}
		for _, s := range role.Trust.Statements {
			if s.Allow() && s.names(ids...) {
				grants = append(grants, s)
			}
		}
	}
	return own, grants
}

// callerIDs are the identifiers a resource policy may name the caller by.
func (p *Project) callerIDs(c Caller) []string {
	n := c.Node
	ids := []string{n.ARN, n.Account, c.Principal}
	return ids
}

// applying returns the statements that may apply to the caller's request:
// its own, and those of the resource's policy.
func (p *Project) applying(c Caller, a, r string) []*Statement {
	var out []*Statement
	for _, set := range c.Node.sets() {
		out = append(out, set.mayApplying(a, r)...)
	}
	if e := p.Model.entryOf(a, r); e.policy != nil {
		out = append(out, e.policy.mayApplying(a, r)...)
	}
	return out
}

// canResource is a resource to ask about: an instance of a pattern.
type canResource struct{ pattern, asked string }

// canResources returns the resources to ask an action about: the
// resource given, else for each Allow statement that matches the action
// an instance of each of its resource patterns ("*" for a statement on
// every resource), the resources whose policy grants the caller, and for
// an action a trust policy gatekeeps, the roles whose trust names it.
func (p *Project) canResources(c Caller, a string, allows []*Statement, given string) []canResource {
	if given != "" {
		return []canResource{{given, given}}
	}
	rs := &resourceList{seen: map[string]bool{}}
	if trustActions[a] {
		p.trustResources(c, a, rs)
		return rs.list
	}
	if c.Node.Kind == KindRoot {
		rs.add("*", "*")
	}
	for _, s := range allows {
		if s.MatchesAction(a) && s.Principals == nil {
			statementResources(s, c.Node, rs)
		}
	}
	p.grantedResources(c, a, rs)
	return rs.list
}

// resourceList collects resources to ask about, each once.
type resourceList struct {
	list []canResource
	seen map[string]bool
}

func (rs *resourceList) add(pattern, asked string) {
	if !rs.seen[asked] {
		rs.seen[asked] = true
		rs.list = append(rs.list, canResource{pattern, asked})
	}
}

// statementResources adds an instance of each resource pattern of an
// identity statement: "*" for a statement on every resource.
func statementResources(s *Statement, node *Principal, rs *resourceList) {
	switch {
	case s.AnyResource():
		rs.add("*", "*")
	case s.Resources != nil:
		for _, r := range s.Resources {
			if inst, ok := r.Instance(node.Account, node.vars); ok {
				rs.add(r.Display(), inst)
			}
		}
	default:
		var not []string
		for _, r := range s.NotResources {
			not = append(not, r.Display())
		}
		rs.add("everything but "+strings.Join(not, ", "), "*")
	}
}

// trustResources adds the roles whose trust policy names the caller.
func (p *Project) trustResources(c Caller, a string, rs *resourceList) {
	ids := p.callerIDs(c)
	for _, role := range p.sortedRoles() {
		if role.Trust == nil {
			continue
		}
		for _, s := range role.Trust.mayAllow(a, role.ARN) {
			if s.names(ids...) {
				rs.add(role.ARN, role.ARN)
			}
		}
	}
}

// grantedResources adds the resources whose policy grants the caller the
// action: the resource itself, and instances of the patterns below it.
func (p *Project) grantedResources(c Caller, a string, rs *resourceList) {
	ids := p.callerIDs(c)
	for _, r := range p.sortedResources() {
		if r.Policy == nil {
			continue
		}
		for _, s := range r.Policy.mayAllowAction(a) {
			if !s.names(ids...) {
				continue
			}
			if s.Resources == nil {
				rs.add(r.ARN, r.ARN)
			}
			for _, pat := range s.Resources {
				if inst, ok := pat.Instance(c.Node.Account, c.Node.vars); ok {
					rs.add(pat.Display(), inst)
				}
			}
		}
	}
}

// reasonConditions returns the conditions of the statements a decision
// names.
func (p *Project) reasonConditions(d rego.Decision) []string {
	var out []string
	for _, r := range d.Reasons {
		if s := p.Model.StatementOf(r.Policy, r.Statement); s != nil {
			out = append(out, conditionTexts(s)...)
		}
	}
	return out
}

func (p *Project) sortedResources() []*Resource {
	out := make([]*Resource, 0, len(p.Model.Resources))
	for _, r := range p.Model.Resources {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}

func (p *Project) sortedRoles() []*Principal {
	out := make([]*Principal, 0, len(p.Model.Roles))
	for _, r := range p.Model.Roles {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}

// resourceStatements returns every statement of the model's resource-based
// and trust policies.
func (m *Model) resourceStatements() []*Statement {
	var out []*Statement
	for _, r := range m.Resources {
		if r.Policy != nil {
			out = append(out, r.Policy.Statements...)
		}
	}
	for _, r := range m.Roles {
		if r.Trust != nil {
			out = append(out, r.Trust.Statements...)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// mergePermissions joins the permissions of one service that the same
// statements allowed on the same resource under the same conditions.
func mergePermissions(ps []Permission) []Permission {
	var out []Permission
	index := map[string]int{}
	for _, pm := range ps {
		reasons, _ := json.Marshal(pm.Decision.Reasons)
		ctx, _ := json.Marshal(pm.Context)
		k := fmt.Sprintf("%s\x00%s\x00%s\x00%v\x00%s\x00%s", pm.Service, pm.Resource, pm.Asked, pm.MFA, ctx, reasons)
		if i, ok := index[k]; ok {
			out[i].Actions = append(out[i].Actions, pm.Actions...)
			sort.Strings(out[i].Actions)
			continue
		}
		index[k] = len(out)
		out = append(out, pm)
	}
	return out
}
