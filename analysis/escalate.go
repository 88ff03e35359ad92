package analysis

import (
	"context"
	"sort"
	"strings"
	"time"
)

// Privilege escalation: the ways a principal can act as another, or give
// one more permissions, each resting on requests the engine allows.
//
// An act edge From → To means From can act as To: assume the role
// (sts:AssumeRole), pass the role to a service that runs code
// (iam:PassRole with lambda:CreateFunction, ec2:RunInstances, …, where the
// role trusts the service), make credentials for the user
// (iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile),
// or rewrite the role's trust policy (iam:UpdateAssumeRolePolicy).
//
// A grant edge From → To means From can give To any permission: attach or
// write a policy of To (iam:AttachUserPolicy, iam:PutRolePolicy, …, or of
// a group To is in), write a new version of a managed policy attached to
// To (iam:CreatePolicyVersion), or add To to a group whose policies make
// its members administrators (iam:AddUserToGroup).
//
// A principal has administrator access when it is an account's root user,
// or when it can give any principal of its account any permission: the
// engine allows it iam:AttachUserPolicy, iam:PutUserPolicy,
// iam:AttachRolePolicy and iam:PutRolePolicy on a user and a role of its
// account that no policy names (AdministratorAccess, iam:* or
// iam:Attach*/Put* on "*" all do). A principal reaches administrator
// access when it can act as one that has it, or act as a principal that
// can give one it can act as (itself included) any permission.

// Admin is the node Paths takes as the target "administrator access".
const Admin = "admin"

// Node is a principal of the escalation graph.
type Node struct {
	ID      string `json:"id"`
	Ref     string `json:"ref"`
	Kind    Kind   `json:"kind"`
	Account string `json:"account,omitempty"`
	// Admin: a root user, or a principal that can give any principal of
	// its account any permission (AdminBy holds the requests the engine
	// allowed it).
	Admin   bool    `json:"admin"`
	AdminBy []Asked `json:"admin_by,omitempty"`
}

// EscalationGraph holds the nodes and edges found from some principals.
type EscalationGraph struct {
	Nodes map[string]*Node `json:"nodes"`
	Edges []Edge           `json:"edges"`
	// Outside are the grants of trust policies to principals outside the
	// model.
	Outside []Outside `json:"outside"`
	out     map[string][]int
	done    map[string]bool
}

// escalation is a kind of edge made of one request on a target.
type escalation struct {
	via    string
	action string // lower case
	grant  bool
}

var (
	userEscalations = []escalation{
		{"create-access-key", "iam:createaccesskey", false},
		{"create-login-profile", "iam:createloginprofile", false},
		{"update-login-profile", "iam:updateloginprofile", false},
		{"put-user-policy", "iam:putuserpolicy", true},
		{"attach-user-policy", "iam:attachuserpolicy", true},
	}
	roleEscalations = []escalation{
		{"update-assume-role-policy", "iam:updateassumerolepolicy", false},
		{"put-role-policy", "iam:putrolepolicy", true},
		{"attach-role-policy", "iam:attachrolepolicy", true},
	}
	groupEscalations = []escalation{
		{"put-group-policy", "iam:putgrouppolicy", true},
		{"attach-group-policy", "iam:attachgrouppolicy", true},
	}
	policyEscalation = escalation{"create-policy-version", "iam:createpolicyversion", true}
	groupJoin        = escalation{"add-user-to-group", "iam:addusertogroup", true}
)

// passRoleServices are services that run code with a role passed to them,
// the principal the role must trust, and the actions that start the code.
var passRoleServices = []struct {
	name, principal string
	actions         []string
}{
	{"lambda", "lambda.amazonaws.com", []string{"lambda:createfunction", "lambda:invokefunction"}},
	{"ec2", "ec2.amazonaws.com", []string{"ec2:runinstances"}},
	{"cloudformation", "cloudformation.amazonaws.com", []string{"cloudformation:createstack"}},
	{"glue", "glue.amazonaws.com", []string{"glue:createdevendpoint"}},
	{"ecs", "ecs-tasks.amazonaws.com", []string{"ecs:registertaskdefinition", "ecs:runtask"}},
	{"codebuild", "codebuild.amazonaws.com", []string{"codebuild:createproject", "codebuild:startbuild"}},
	{"sagemaker", "sagemaker.amazonaws.com", []string{"sagemaker:createnotebookinstance"}},
}

// Escalations computes the escalation graph from the given principals:
// their edges, and those of every principal they can act as, and whether
// each has administrator access. A nil from means every principal.
func (p *Project) Escalations(ctx context.Context, from []*Principal, base map[string]any) (*EscalationGraph, error) {
	g := &EscalationGraph{Nodes: map[string]*Node{}, Outside: []Outside{}, out: map[string][]int{}, done: map[string]bool{}}
	if from == nil {
		from = p.Model.principalsOf()
	}
	memo := Assumptions{}
	queue := append([]*Principal(nil), from...)
	for len(queue) > 0 {
		var batch []*Principal
		for _, pr := range queue {
			if !g.done[pr.ARN] {
				g.done[pr.ARN] = true
				batch = append(batch, pr)
			}
		}
		queue = nil
		edges, err := p.edgesFrom(ctx, batch, base, memo, g)
		if err != nil {
			return nil, err
		}
		for _, e := range edges {
			g.add(p, e)
			if e.Via == "add-user-to-group" || e.FromKind == KindService {
				continue
			}
			if to := p.node(e.To); to != nil && !e.Grants() && !g.done[to.ARN] {
				queue = append(queue, to)
			}
		}
	}
	for _, n := range g.Nodes {
		if n.Kind == KindRoot {
			n.Admin = true
		}
	}
	sortEdges(g.Edges)
	g.out = map[string][]int{}
	for i, e := range g.Edges {
		g.out[e.From] = append(g.out[e.From], i)
	}
	return g, nil
}

// Grants reports whether the edge gives To more permissions (rather than
// letting From act as To).
func (e Edge) Grants() bool {
	for _, x := range allEscalations {
		if strings.HasPrefix(e.Via, x.via) {
			return x.grant
		}
	}
	return false
}

func (p *Project) node(arn string) *Principal {
	if n := p.Model.Principals[arn]; n != nil {
		return n
	}
	return p.Model.Roles[arn]
}

func (g *EscalationGraph) add(p *Project, e Edge) {
	if e.From == e.To && !e.Grants() {
		return // acting as oneself
	}
	for _, id := range []string{e.From, e.To} {
		if g.Nodes[id] != nil {
			continue
		}
		n := &Node{ID: id, Kind: KindExternal, Ref: id}
		if pr := p.node(id); pr != nil {
			n.Ref, n.Kind, n.Account = pr.Ref(), pr.Kind, pr.Account
		} else if id == e.From {
			n.Kind = e.FromKind
		}
		g.Nodes[id] = n
	}
	g.out[e.From] = append(g.out[e.From], len(g.Edges))
	g.Edges = append(g.Edges, e)
}

// edgesFrom returns the edges out of each principal of batch.
func (p *Project) edgesFrom(ctx context.Context, batch []*Principal, base map[string]any, memo Assumptions, g *EscalationGraph) ([]Edge, error) {
	at := now()
	var out []Edge
	for _, pr := range batch {
		if g.Nodes[pr.ARN] == nil {
			g.Nodes[pr.ARN] = &Node{ID: pr.ARN, Ref: pr.Ref(), Kind: pr.Kind, Account: pr.Account}
		}
	}
	assume, err := p.assumeEdgesFrom(ctx, batch, base, memo, g)
	if err != nil {
		return nil, err
	}
	out = append(out, assume...)
	var jobs []job
	var meta []escEdge
	for _, pr := range batch {
		if pr.Kind == KindRoot {
			continue
		}
		c := callerOf(pr, false, at)
		j, m := p.requestEdges(c, base)
		jobs, meta = append(jobs, j...), append(meta, m...)
	}
	passJobs, passMeta := p.passRoleJobs(batch, at)
	jobs, meta = append(jobs, passJobs...), append(meta, passMeta...)
	adminJobs, adminOf := p.adminJobs(batch, at)
	got, _, err := p.decideJobs(ctx, append(jobs, adminJobs...), base)
	if err != nil {
		return nil, err
	}
	p.markAdmins(g, adminJobs, adminOf, got[len(jobs):])
	got = got[:len(jobs)]
	out = append(out, p.combine(jobs, meta, got, base)...)
	joins, err := p.groupJoins(ctx, meta, got, base)
	if err != nil {
		return nil, err
	}
	return append(out, joins...), nil
}

// adminProbes are the requests that make administrator access, on a user
// and a role of the principal's account that no policy names.
var adminProbes = []struct{ action, kind string }{
	{"iam:attachuserpolicy", "user"}, {"iam:putuserpolicy", "user"},
	{"iam:attachrolepolicy", "role"}, {"iam:putrolepolicy", "role"},
}

// adminProbeName names the user and role the probes ask about.
const adminProbeName = "iamc-admin-probe"

// adminJobs makes the jobs that decide whether each principal of batch
// has administrator access; adminOf gives each job's principal.
func (p *Project) adminJobs(batch []*Principal, at time.Time) ([]job, []*Principal) {
	var jobs []job
	var of []*Principal
	for _, pr := range batch {
		if pr.Kind == KindRoot {
			continue
		}
		id := pr.Identity()
		var mine []job
		for _, probe := range adminProbes {
			r := "arn:aws:iam::" + pr.Account + ":" + probe.kind + "/" + adminProbeName
			if len(id.mayAllow(probe.action, r)) == 0 {
				mine = nil
				break
			}
			c := callerOf(pr, false, at)
			mine = append(mine, job{cand: candidate{caller: c, stmts: p.applying(c, probe.action, r)}, action: probe.action,
				resource: r, account: pr.Account, mfa: readsMFA(pr.sets()...)})
		}
		for range mine {
			of = append(of, pr)
		}
		jobs = append(jobs, mine...)
	}
	return jobs, of
}

// markAdmins marks the principals whose every probe the engine allowed.
func (p *Project) markAdmins(g *EscalationGraph, jobs []job, of []*Principal, got []allowedVariant) {
	allowed := map[string][]Asked{}
	failed := map[string]bool{}
	for i, j := range jobs {
		arn := of[i].ARN
		if !got[i].ok {
			failed[arn] = true
			continue
		}
		v := got[i].variant
		allowed[arn] = append(allowed[arn], asked(v.caller, p.ActionName(j.action), j.resource, v.ctx, got[i].decision))
	}
	for arn, reqs := range allowed {
		if failed[arn] || len(reqs) != len(adminProbes) {
			continue
		}
		if n := g.Nodes[arn]; n != nil {
			n.Admin, n.AdminBy = true, reqs
		}
	}
}

// escEdge says which edge a job's request belongs to: the edges of one
// principal of one kind to one target, of one or more requests (pass-role
// needs several, each on any of some resources).
type escEdge struct {
	from    Caller
	to      string   // the node gained or granted
	grantTo []string // for a grant on a group or policy: its principals
	via     string
	part    int // which of the edge's requirements this request meets
	parts   int
	group   string // add-user-to-group: the group
}

// requestEdges makes the jobs of the single-request escalations of a
// caller: on every user, role, group and managed policy whose ARN a
// statement of its identity policies may allow the action on.
func (p *Project) requestEdges(c Caller, base map[string]any) ([]job, []escEdge) {
	m := p.Model
	id := c.Node.Identity()
	var jobs []job
	var meta []escEdge
	add := func(x escalation, resource, account, to string, grantTo []string, group string) {
		if len(id.mayAllow(x.action, resource)) == 0 {
			return
		}
		cand := candidate{caller: c, stmts: p.applying(c, x.action, resource)}
		jobs = append(jobs, job{cand: cand, action: x.action, resource: resource, account: account, mfa: readsMFA(c.Node.sets()...)})
		meta = append(meta, escEdge{from: c, to: to, grantTo: grantTo, via: x.via, parts: 1, group: group})
	}
	if !id.mayAllowAnyOf(escalationActions) {
		return nil, nil
	}
	for _, u := range sortedPrincipals(m.Principals) {
		if u.Kind != KindUser {
			continue
		}
		for _, x := range userEscalations {
			add(x, u.ARN, u.Account, u.ARN, nil, "")
		}
	}
	for _, r := range p.sortedRoles() {
		for _, x := range roleEscalations {
			add(x, r.ARN, r.Account, r.ARN, nil, "")
		}
	}
	for _, grp := range sortedGroups(m.Groups) {
		if grp.ARN == "" {
			continue
		}
		for _, x := range groupEscalations {
			add(x, grp.ARN, grp.Account, grp.ARN, grp.Members, "")
		}
		if c.Kind == KindUser {
			add(groupJoin, grp.ARN, grp.Account, c.Node.ARN, []string{c.Node.ARN}, grp.Name)
		}
	}
	for _, mp := range sortedPolicies(m.Policies) {
		if mp.ARN != "" && len(mp.Attached) > 0 {
			add(policyEscalation, mp.ARN, resourceAccount(mp.ARN), mp.ARN, mp.Attached, "")
		}
	}
	return jobs, meta
}

// mayAllowAnyOf reports whether the set has an Allow statement whose
// actions match one of the lower-case actions.
func (set *Set) mayAllowAnyOf(actions []string) bool {
	if set == nil {
		return false
	}
	for _, s := range set.Statements {
		if !s.Allow() {
			continue
		}
		for _, a := range actions {
			if s.MatchesAction(a) {
				return true
			}
		}
	}
	return false
}

var allEscalations = append(append(append([]escalation{policyEscalation, groupJoin}, userEscalations...), roleEscalations...), groupEscalations...)

// escalationActions are the actions of the single-request escalations.
var escalationActions = func() []string {
	var out []string
	for _, list := range [][]escalation{userEscalations, roleEscalations, groupEscalations, {policyEscalation, groupJoin}} {
		for _, x := range list {
			out = append(out, x.action)
		}
	}
	return out
}()

// passRoleJobs makes the jobs of the pass-role escalations: the caller
// may pass a role (iam:PassRole, with iam:PassedToService) to a service
// that runs code, start that code, and the role trusts the service.
func (p *Project) passRoleJobs(batch []*Principal, at time.Time) ([]job, []escEdge) {
	var jobs []job
	var meta []escEdge
	for _, pr := range batch {
		if pr.Kind == KindRoot {
			continue
		}
		c := callerOf(pr, false, at)
		id := pr.Identity()
		for _, role := range p.sortedRoles() {
			if len(id.mayAllow("iam:passrole", role.ARN)) == 0 || role.Trust == nil {
				continue
			}
			for _, svc := range passRoleServices {
				trusted := false
				for _, s := range role.Trust.mayAllow("sts:assumerole", role.ARN) {
					if s.names("svc:" + svc.principal) {
						trusted = true
					}
				}
				if !trusted {
					continue
				}
				var launch [][]string // resources to try, per action
				ok := true
				for _, a := range svc.actions {
					rs := launchResources(id.mayAllow(a, "*"), id.mayAllowAction(a), pr)
					if len(rs) == 0 {
						ok = false
						break
					}
					launch = append(launch, rs)
				}
				if !ok {
					continue
				}
				via := "pass-role:" + svc.name
				parts := 2 + len(svc.actions)
				pass := candidate{caller: c, stmts: p.applying(c, "iam:passrole", role.ARN)}
				jobs = append(jobs, job{cand: pass, action: "iam:passrole", resource: role.ARN, account: role.Account,
					mfa: readsMFA(pr.sets()...), extra: map[string]any{"iam:PassedToService": svc.principal}})
				meta = append(meta, escEdge{from: c, to: role.ARN, via: via, part: 0, parts: parts})
				trust := candidate{caller: serviceCaller(svc.principal), stmts: role.Trust.Statements}
				jobs = append(jobs, job{cand: trust, action: "sts:assumerole", resource: role.ARN, account: role.Account, governed: true})
				meta = append(meta, escEdge{from: c, to: role.ARN, via: via, part: 1, parts: parts})
				for i, a := range svc.actions {
					for _, r := range launch[i] {
						cand := candidate{caller: c, stmts: p.applying(c, a, r)}
						jobs = append(jobs, job{cand: cand, action: a, resource: r, account: pr.Account, mfa: readsMFA(pr.sets()...)})
						meta = append(meta, escEdge{from: c, to: role.ARN, via: via, part: 2 + i, parts: parts})
					}
				}
			}
		}
	}
	return jobs, meta
}

// mayAllowAction returns the Allow statements of a set whose actions match
// a lower-case action, whatever their resources.
func (set *Set) mayAllowAction(a string) []*Statement {
	if set == nil {
		return nil
	}
	var out []*Statement
	for _, s := range set.Statements {
		if s.Allow() && s.MatchesAction(a) {
			out = append(out, s)
		}
	}
	return out
}

// launchResources are the resources to ask a launch action on: "*" when a
// statement allows it there, else an instance of each resource pattern of
// the statements that allow the action.
func launchResources(onStar, any []*Statement, pr *Principal) []string {
	if len(onStar) > 0 {
		return []string{"*"}
	}
	var out []string
	seen := map[string]bool{}
	for _, s := range any {
		for _, r := range s.Resources {
			if inst, ok := r.Instance(pr.Account, pr.vars); ok && !seen[inst] {
				seen[inst] = true
				out = append(out, inst)
			}
		}
	}
	return out
}

// combine turns the allowed requests into edges: an edge holds when every
// one of its requirements was allowed on some resource.
func (p *Project) combine(jobs []job, meta []escEdge, got []allowedVariant, base map[string]any) []Edge {
	type key struct{ from, to, via, group string }
	type acc struct {
		meta   escEdge
		met    map[int]Asked
		mfa    bool
		ctx    map[string]any
		passed bool
	}
	byKey := map[key]*acc{}
	var order []key
	for i, m := range meta {
		if m.via == groupJoin.via {
			continue
		}
		k := key{m.from.ID(), m.to, m.via, m.group}
		a := byKey[k]
		if a == nil {
			a = &acc{meta: m, met: map[int]Asked{}}
			byKey[k] = a
			order = append(order, k)
		}
		if !got[i].ok {
			continue
		}
		if _, done := a.met[m.part]; done {
			continue
		}
		v := got[i].variant
		a.met[m.part] = asked(v.caller, p.ActionName(v.action), v.resource, v.ctx, got[i].decision)
		if v.caller.Node != nil && v.caller.Node.ARN == m.from.ID() {
			a.mfa = a.mfa || v.caller.MFA
		}
		for k2, x := range extraContext(base, v.ctx) {
			if k2 == "iam:PassedToService" {
				continue
			}
			if a.ctx == nil {
				a.ctx = map[string]any{}
			}
			a.ctx[k2] = x
		}
	}
	var out []Edge
	for _, k := range order {
		a := byKey[k]
		if len(a.met) < a.meta.parts {
			continue
		}
		var reqs []Asked
		for i := 0; i < a.meta.parts; i++ {
			reqs = append(reqs, a.met[i])
		}
		targets := []string{a.meta.to}
		if a.meta.grantTo != nil {
			targets = a.meta.grantTo
		}
		for _, to := range targets {
			e := Edge{From: a.meta.from.ID(), FromRef: a.meta.from.Ref(), FromKind: a.meta.from.Kind, To: to, ToRef: p.refOf(to),
				Via: a.meta.via, MFA: a.mfa, Context: a.ctx, Requests: reqs}
			if a.meta.grantTo != nil && a.meta.to != to {
				e.Via += ":" + p.refOf(a.meta.to)
			}
			out = append(out, e)
		}
	}
	return out
}

// groupJoins turns allowed iam:AddUserToGroup requests into grant edges
// to the caller itself, for the groups whose policies make a member an
// administrator: the engine allowed a member every request of
// administrator access, by a statement of one of the group's policies.
func (p *Project) groupJoins(ctx context.Context, meta []escEdge, got []allowedVariant, base map[string]any) ([]Edge, error) {
	joined := map[string]bool{}
	var members []*Principal
	seen := map[string]bool{}
	for i, m := range meta {
		if m.via != groupJoin.via || !got[i].ok || joined[m.group] {
			continue
		}
		joined[m.group] = true
		for _, arn := range p.Model.Groups[m.group].Members {
			if u := p.Model.Principals[arn]; u != nil && !seen[arn] {
				seen[arn] = true
				members = append(members, u)
			}
		}
	}
	if len(members) == 0 {
		return nil, nil
	}
	jobs, of := p.adminJobs(members, now())
	res, _, err := p.decideJobs(ctx, jobs, base)
	if err != nil {
		return nil, err
	}
	g := &EscalationGraph{Nodes: map[string]*Node{}}
	for _, u := range members {
		g.Nodes[u.ARN] = &Node{ID: u.ARN}
	}
	p.markAdmins(g, jobs, of, res)
	adminGroups := map[string]bool{}
	for name := range joined {
		grp := p.Model.Groups[name]
		for _, arn := range grp.Members {
			n := g.Nodes[arn]
			if n == nil || !n.Admin {
				continue
			}
			for _, r := range n.AdminBy {
				for _, reason := range r.Reasons {
					if containsString(grp.Refs, reason.Policy) {
						adminGroups[name] = true
					}
				}
			}
		}
	}
	var out []Edge
	for i, m := range meta {
		if m.via != groupJoin.via || !got[i].ok || !adminGroups[m.group] {
			continue
		}
		v := got[i].variant
		out = append(out, Edge{From: m.from.ID(), FromRef: m.from.Ref(), FromKind: m.from.Kind, To: m.from.ID(), ToRef: m.from.Ref(),
			Via: groupJoin.via + ":group." + m.group, MFA: v.caller.MFA, Context: extraContext(base, v.ctx),
			Requests: []Asked{asked(v.caller, "iam:AddUserToGroup", v.resource, v.ctx, got[i].decision)}})
	}
	return out, nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// refOf names a node for people.
func (p *Project) refOf(id string) string {
	if n := p.node(id); n != nil {
		return n.Ref()
	}
	for _, grp := range p.Model.Groups {
		if grp.ARN == id {
			return "group." + grp.Name
		}
	}
	for _, mp := range p.Model.Policies {
		if mp.ARN == id {
			return mp.Ref
		}
	}
	return id
}

// assumeEdgesFrom returns the assume-role edges out of the principals of
// batch: for every role whose trust policy may name one of them, the ways
// into it.
func (p *Project) assumeEdgesFrom(ctx context.Context, batch []*Principal, base map[string]any, memo Assumptions, g *EscalationGraph) ([]Edge, error) {
	want := map[string]bool{}
	for _, pr := range batch {
		want[pr.ARN] = true
	}
	var out []Edge
	for _, role := range p.sortedRoles() {
		if role.Trust == nil || !p.mayBeNamed(role, batch) {
			continue
		}
		a, err := p.into(ctx, role, base, memo)
		if err != nil {
			return nil, err
		}
		g.Outside = appendOutside(g.Outside, a.outside)
		for _, e := range a.edges {
			if want[e.From] {
				out = append(out, e)
			}
		}
	}
	return out, nil
}

// mayBeNamed reports whether the role's trust policy may admit one of the
// principals: by ARN, by account, or everyone.
func (p *Project) mayBeNamed(role *Principal, batch []*Principal) bool {
	for _, s := range role.Trust.mayAllow("sts:assumerole", role.ARN) {
		if s.Principals["*"] {
			return true
		}
		for _, pr := range batch {
			if s.names(pr.ARN, pr.Account) {
				return true
			}
			if pr.Kind == KindRole {
				for id := range s.Principals {
					if r, _ := p.Model.sessionRole(id); r == pr {
						return true
					}
				}
			}
		}
	}
	return false
}

// sortedBy returns the values of m in the order of key.
func sortedBy[K comparable, V any](m map[K]V, key func(V) string) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}

func sortedPrincipals(m map[string]*Principal) []*Principal {
	return sortedBy(m, func(p *Principal) string { return p.ARN })
}

func sortedGroups(m map[string]*Group) []*Group {
	return sortedBy(m, func(g *Group) string { return g.Name })
}

func sortedPolicies(m map[string]*ManagedPolicy) []*ManagedPolicy {
	return sortedBy(m, func(p *ManagedPolicy) string { return p.Ref })
}

// Principal returns the user, root user or role with this ARN, or nil.
func (p *Project) Principal(arn string) *Principal { return p.node(arn) }

// MayEscalate reports whether a principal of the model other than a root
// user could have administrator access or escalate: some identity policy
// may allow an escalation action (iam:PassRole included) on some resource.
// When it is false, Escalations finds no path to administrator access; a
// caller can skip it.
func (m *Model) MayEscalate() bool {
	actions := append([]string{"iam:passrole"}, escalationActions...)
	for _, p := range m.principalsOf() {
		if p.Kind == KindRoot {
			continue
		}
		if id := p.Identity(); id != nil && id.mayAllowAnyOf(actions) {
			return true
		}
	}
	return false
}
