package analysis

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/iamc/iamc/rego"
)

// Diff compares two revisions of a project: every request whose decision
// differs, as access gained (denied before, allowed now) and lost.
//
// A request can change only if a statement that differs between the
// revisions could apply to it (in the principal's policies, in the policy
// of its resource, or in a trust policy), or if the principal itself
// changed (its policy sets, boundary, SCP levels, tags, or it came or
// went). Diff asks, for every principal so touched: the actions the
// differing statements' patterns match (the AWS catalog, the service
// blocks and the actions the model names, in classes the statements
// cannot tell apart); on instances of the resource patterns of those
// statements, and of the principal's other statements that they may
// cover; with the context values their conditions test. Both engines
// decide every such request. docs/analysis.md says where this is
// exhaustive and where it is not.

// Change is a class of requests whose decision differs.
type Change struct {
	Principal   string      `json:"principal"`
	Ref         string      `json:"ref"`
	Kind        Kind        `json:"kind"`
	Credentials Credentials `json:"credentials"`
	Actions     []string    `json:"actions"`
	// Resource is the resource asked; Pattern the resource pattern of a
	// statement it stands for.
	Resource string         `json:"resource"`
	Pattern  string         `json:"pattern,omitempty"`
	Context  map[string]any `json:"context,omitempty"`
	Old      rego.Decision  `json:"old"`
	New      rego.Decision  `json:"new"`
}

// DiffResult is what changed between two revisions.
type DiffResult struct {
	Old    string   `json:"old"`
	New    string   `json:"new"`
	Gained []Change `json:"gained"`
	Lost   []Change `json:"lost"`
	// OnlyOld and OnlyNew count the statements of one revision whose
	// meaning the other lacks (a changed statement counts in both);
	// Principals the principals whose requests were compared; Asked the
	// requests decided by each engine.
	OnlyOld    int `json:"only_old"`
	OnlyNew    int `json:"only_new"`
	Principals int `json:"principals"`
	Asked      int `json:"asked"`
}

// probe is a request to decide on both revisions.
type probe struct {
	caller  Caller // of the new revision, or of the old when it is gone
	actions []string
	action  string
	res     string
	pattern string
	ctx     map[string]any
}

// Diff decides, on both revisions, every request whose decision the
// differences between them could change, and returns those whose
// decision did.
func Diff(ctx context.Context, old, cur *Project, base map[string]any) (*DiffResult, error) {
	d := &differ{old: old, cur: cur, base: base, seen: map[string]bool{}}
	res := &DiffResult{Old: old.Name, New: cur.Name, Gained: []Change{}, Lost: []Change{}}
	res.OnlyOld, res.OnlyNew = d.changedStatements()
	d.principals()
	d.resources()
	d.trusts()
	res.Principals = len(d.touched)
	reqs := make([]rego.Request, 0, len(d.probes))
	oldReqs := make([]rego.Request, 0, len(d.probes))
	for _, p := range d.probes {
		reqs = append(reqs, p.caller.request(p.action, p.res, p.ctx))
		oldReqs = append(oldReqs, d.oldCaller(p.caller).request(p.action, p.res, p.ctx))
	}
	res.Asked = len(reqs)
	was, err := old.decideAll(ctx, oldReqs)
	if err != nil && was == nil {
		return nil, err
	}
	now, err := cur.decideAll(ctx, reqs)
	if err != nil && now == nil {
		return nil, err
	}
	for i, p := range d.probes {
		if was[i].Allowed == now[i].Allowed {
			continue
		}
		c := Change{Principal: p.caller.ID(), Ref: p.caller.Ref(), Kind: p.caller.Kind, Credentials: p.caller.Credentials,
			Actions: d.names(p.actions), Resource: p.res, Pattern: p.pattern, Context: p.ctx, Old: was[i], New: now[i]}
		if c.Pattern == c.Resource {
			c.Pattern = ""
		}
		if now[i].Allowed {
			res.Gained = append(res.Gained, c)
		} else {
			res.Lost = append(res.Lost, c)
		}
	}
	res.Gained, res.Lost = mergeChanges(res.Gained), mergeChanges(res.Lost)
	return res, nil
}

type differ struct {
	old, cur *Project
	base     map[string]any
	probes   []probe
	seen     map[string]bool // probes already made
	touched  map[string]bool // principals compared
}

// changedStatements counts the statements of each revision whose meaning
// the other lacks.
func (d *differ) changedStatements() (onlyOld, onlyNew int) {
	count := func(m *Model) map[string]int {
		out := map[string]int{}
		for _, s := range m.Statements {
			out[s.key]++
		}
		return out
	}
	a, b := count(d.old.Model), count(d.cur.Model)
	for k, x := range a {
		onlyOld += max(0, x-b[k])
	}
	for k, x := range b {
		onlyNew += max(0, x-a[k])
	}
	return onlyOld, onlyNew
}

// oldCaller is the caller of the old revision for a caller of the new.
func (d *differ) oldCaller(c Caller) Caller {
	if c.Node == nil {
		return c
	}
	o := d.old.node(c.Node.ARN)
	if o == nil {
		return c // gone: the old engine denies an unknown principal
	}
	out := c
	out.Node = o
	return out
}

// principals adds the probes of every principal whose own policies
// differ.
func (d *differ) principals() {
	d.touched = map[string]bool{}
	arns := map[string]bool{}
	for _, m := range []*Model{d.old.Model, d.cur.Model} {
		for _, p := range m.principalsOf() {
			arns[p.ARN] = true
		}
	}
	list := make([]string, 0, len(arns))
	for a := range arns {
		list = append(list, a)
	}
	sort.Strings(list)
	for _, arn := range list {
		was, now := d.old.node(arn), d.cur.node(arn)
		delta, all := d.principalDelta(was, now)
		if len(delta) == 0 && !all {
			continue
		}
		d.touched[arn] = true
		every := append(statementsOfNode(was), statementsOfNode(now)...)
		if all {
			delta = every
		}
		d.principalProbes(was, now, delta, every, all)
	}
}

// statementsOfNode returns every statement of a principal's own side.
func statementsOfNode(p *Principal) []*Statement {
	if p == nil {
		return nil
	}
	var out []*Statement
	for _, set := range p.sets() {
		out = append(out, set.Statements...)
	}
	return out
}

// principalDelta returns the statements of a principal's side that differ
// between the revisions; all is true when the principal itself differs
// (it came or went, or its sets, tags or account did), so that any of its
// statements may decide differently.
func (d *differ) principalDelta(was, now *Principal) ([]*Statement, bool) {
	if was == nil || now == nil {
		return nil, true
	}
	if was.Kind != now.Kind || was.Account != now.Account || was.ServiceLinked != now.ServiceLinked ||
		!sameStrings(was.Tags, now.Tags) || len(was.Side) != len(now.Side) {
		return nil, true
	}
	var out []*Statement
	for i := range was.Side {
		if was.Side[i].Code != now.Side[i].Code {
			return nil, true
		}
		out = append(out, symmetricDifference(was.Side[i].Set, now.Side[i].Set)...)
	}
	return out, false
}

// symmetricDifference returns the statements of a and b whose meaning
// the other lacks.
func symmetricDifference(a, b *Set) []*Statement {
	if a != nil && b != nil && a.meaning == b.meaning {
		return nil
	}
	keys := func(s *Set) map[string]int {
		out := map[string]int{}
		if s != nil {
			for _, st := range s.Statements {
				out[st.key]++
			}
		}
		return out
	}
	ka, kb := keys(a), keys(b)
	var out []*Statement
	for _, pair := range []struct {
		set   *Set
		other map[string]int
	}{{a, kb}, {b, ka}} {
		if pair.set == nil {
			continue
		}
		for _, st := range pair.set.Statements {
			if pair.other[st.key] == 0 {
				out = append(out, st)
			}
		}
	}
	return out
}

func sameStrings(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// principalProbes adds the requests of one principal that the differing
// statements could decide.
func (d *differ) principalProbes(was, cur *Principal, delta, every []*Statement, all bool) {
	node := cur
	proj := d.cur
	if node == nil {
		node, proj = was, d.old
	}
	actions := proj.Model.actionsOf(delta)
	if all && node.Kind == KindRoot {
		// A root user needs no statement: every action.
		actions = proj.Model.actionsOf([]*Statement{{Actions: []Pattern{{Kind: '*'}}}})
		delta = append(delta, &Statement{Actions: []Pattern{{Kind: '*'}}})
	}
	resourceStmts := append(d.old.Model.resourceStatements(), d.cur.Model.resourceStatements()...)
	classes := classify(actions, append(append([]*Statement(nil), every...), resourceStmts...))
	for _, cl := range classes {
		for _, r := range d.resourcesFor(node, cl.Rep, delta, every) {
			applying := mayApplyingOf(every, cl.Rep, r.asked)
			for _, m := range []*Model{d.old.Model, d.cur.Model} {
				if e := m.entryOf(cl.Rep, r.asked); e.policy != nil {
					applying = append(applying, e.policy.mayApplying(cl.Rep, r.asked)...)
				}
			}
			callers := []Caller{callerOf(node, false, now())}
			if readsMFAStatements(applying) {
				callers = append(callers, callerOf(node, true, now()))
			}
			for _, c := range callers {
				for _, x := range d.contexts(applying, delta, node, cl.Rep, r.asked) {
					d.add(probe{caller: c, actions: cl.Actions, action: cl.Rep, res: r.asked, pattern: r.pattern, ctx: x})
				}
			}
		}
	}
}

func readsMFAStatements(stmts []*Statement) bool {
	for _, s := range stmts {
		if s.readsKey(mfaKeys...) {
			return true
		}
	}
	return false
}

func mayApplyingOf(stmts []*Statement, a, r string) []*Statement {
	var out []*Statement
	for _, s := range stmts {
		if s.mayApply(a, r) {
			out = append(out, s)
		}
	}
	return out
}

// resourcesFor returns the resources to ask an action about: instances of
// the resource patterns of the differing statements that match it, and of
// the principal's other statements that match it and that a differing
// statement may apply to; "*" for a statement on every resource.
func (d *differ) resourcesFor(node *Principal, a string, delta, every []*Statement) []canResource {
	var out []canResource
	seen := map[string]bool{}
	add := func(pattern, asked string) {
		if !seen[asked] {
			seen[asked] = true
			out = append(out, canResource{pattern, asked})
		}
	}
	instances := func(s *Statement) []canResource {
		switch {
		case s.AnyResource():
			return []canResource{{"*", "*"}}
		case s.Resources != nil:
			var rs []canResource
			for _, p := range s.Resources {
				if inst, ok := p.Instance(node.Account, node.vars); ok {
					rs = append(rs, canResource{p.Display(), inst})
				}
			}
			return rs
		}
		var not []string
		for _, p := range s.NotResources {
			not = append(not, p.Display())
		}
		return []canResource{{"everything but " + strings.Join(not, ", "), "*"}}
	}
	var deltaHere []*Statement
	for _, s := range delta {
		if s.MatchesAction(a) {
			deltaHere = append(deltaHere, s)
			for _, r := range instances(s) {
				add(r.pattern, r.asked)
			}
		}
	}
	for _, s := range every {
		if !s.MatchesAction(a) {
			continue
		}
		for _, r := range instances(s) {
			for _, ds := range deltaHere {
				if ds.resourceMay(r.asked) != no {
					add(r.pattern, r.asked)
					break
				}
			}
		}
	}
	return out
}

// contexts returns the contexts to ask with: the base, and those that the
// conditions of the statements that may apply suggest, including those
// under which the differing Deny statements apply.
func (d *differ) contexts(applying, delta []*Statement, node *Principal, a, resource string) []map[string]any {
	out := []map[string]any{d.base}
	governed := d.cur.Model.entryOf("", resource).found
	var denies []*Statement
	for _, s := range mayApplyingOf(delta, a, resource) {
		if !s.Allow() {
			denies = append(denies, s)
		}
	}
	for _, x := range d.cur.Model.contextsFor(d.base, applying, node, resourceAccount(resource), governed, nil, denies) {
		if len(x) != len(d.base) {
			out = append(out, x)
		}
	}
	return out
}

func (d *differ) add(p probe) {
	b, _ := json.Marshal(p.ctx)
	k := fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%s", p.caller.Principal, p.caller.Credentials, p.action, p.res, b)
	if d.seen[k] {
		return
	}
	d.seen[k] = true
	d.probes = append(d.probes, p)
}

// resources adds the probes of every resource whose resource-based policy
// differs: the callers its differing statements name (every principal
// when the resource came, went or changed account), for their actions, on
// the resource and instances of their patterns.
func (d *differ) resources() {
	arns := map[string]bool{}
	for _, m := range []*Model{d.old.Model, d.cur.Model} {
		for a := range m.Resources {
			arns[a] = true
		}
	}
	list := make([]string, 0, len(arns))
	for a := range arns {
		list = append(list, a)
	}
	sort.Strings(list)
	for _, arn := range list {
		was, now := d.old.Model.Resources[arn], d.cur.Model.Resources[arn]
		var delta []*Statement
		all := was == nil || now == nil || was.Account != now.Account || was.Gatekeeper != now.Gatekeeper ||
			(was.Policy == nil) != (now.Policy == nil)
		if !all {
			delta = symmetricDifference(was.Policy, now.Policy)
		} else {
			for _, r := range []*Resource{was, now} {
				if r != nil && r.Policy != nil {
					delta = append(delta, r.Policy.Statements...)
				}
			}
		}
		if len(delta) == 0 {
			continue
		}
		d.governedProbes(arn, delta, all)
	}
}

// trusts adds the probes of every role whose trust policy differs.
func (d *differ) trusts() {
	for _, arn := range d.roleARNs() {
		was, now := d.old.Model.Roles[arn], d.cur.Model.Roles[arn]
		var ta, tb *Set
		if was != nil {
			ta = was.Trust
		}
		if now != nil {
			tb = now.Trust
		}
		delta := symmetricDifference(ta, tb)
		if len(delta) == 0 {
			continue
		}
		d.governedProbes(arn, delta, false)
	}
}

func (d *differ) roleARNs() []string {
	arns := map[string]bool{}
	for _, m := range []*Model{d.old.Model, d.cur.Model} {
		for a := range m.Roles {
			arns[a] = true
		}
	}
	out := make([]string, 0, len(arns))
	for a := range arns {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// governedProbes adds the requests on a resource (or role) whose policy
// differs: by the callers the differing statements name, or by every
// principal of both revisions when all (or when a differing statement has
// a NotPrincipal).
func (d *differ) governedProbes(arn string, delta []*Statement, all bool) {
	for _, s := range delta {
		if s.NotPrincipals != nil {
			all = true
		}
	}
	resourceStmts := append(d.old.Model.resourceStatements(), d.cur.Model.resourceStatements()...)
	for _, cl := range classify(d.cur.Model.actionsOf(delta), append(append([]*Statement(nil), delta...), resourceStmts...)) {
		for _, c := range d.governedCallers(arn, cl.Rep, delta, all) {
			own := statementsOfNode(c.caller.Node)
			if c.caller.Node != nil {
				d.touched[c.caller.Node.ARN] = true
			}
			for _, sub := range classify(cl.Actions, append(append(append([]*Statement(nil), delta...), resourceStmts...), own...)) {
				for _, r := range governedResources(arn, sub.Rep, delta) {
					applying := append(mayApplyingOf(delta, sub.Rep, r.asked), mayApplyingOf(own, sub.Rep, r.asked)...)
					for _, x := range d.contexts(applying, delta, c.caller.Node, sub.Rep, r.asked) {
						d.add(probe{caller: c.caller, actions: sub.Actions, action: sub.Rep, res: r.asked, pattern: r.pattern, ctx: x})
					}
				}
			}
		}
	}
}

// governedCallers returns the callers to ask about a resource whose
// policy differs, for an action: those the differing statements name in
// either revision, as the new revision has them; every principal when all.
func (d *differ) governedCallers(arn, a string, delta []*Statement, all bool) []candidate {
	var out []candidate
	seen := map[string]bool{}
	add := func(c candidate) {
		if !seen[c.caller.Principal] {
			seen[c.caller.Principal] = true
			out = append(out, c)
		}
	}
	if all {
		for _, p := range d.cur.Model.principalsOf() {
			add(candidate{caller: callerOf(p, false, now())})
		}
	}
	for _, pr := range []*Project{d.old, d.cur} {
		named, _ := pr.namedCallers(delta, a, arn, now())
		for _, c := range named {
			if c.caller.Node != nil {
				if n := d.cur.node(c.caller.Node.ARN); n != nil {
					c.caller.Node = n
				}
			}
			add(c)
		}
	}
	return out
}

// governedResources returns the resources to ask an action about on a
// resource whose policy differs: the resource itself for a statement
// without Resource (a trust policy), else instances of the differing
// statements' patterns.
func governedResources(arn, a string, delta []*Statement) []canResource {
	var out []canResource
	seen := map[string]bool{}
	for _, s := range delta {
		if !s.MatchesAction(a) {
			continue
		}
		if s.AnyResource() {
			if !seen[arn] {
				seen[arn] = true
				out = append(out, canResource{arn, arn})
			}
			continue
		}
		for _, p := range s.Resources {
			if inst, ok := p.Instance(resourceAccount(arn), nil); ok && !seen[inst] {
				seen[inst] = true
				out = append(out, canResource{p.Display(), inst})
			}
		}
	}
	return out
}

// names writes lower-case actions as people do.
func (d *differ) names(actions []string) []string {
	out := make([]string, len(actions))
	for i, a := range actions {
		out[i] = d.cur.ActionName(a)
		if out[i] == a {
			out[i] = d.old.ActionName(a)
		}
	}
	return out
}

// mergeChanges joins the changes of one principal on one resource, under
// one context, that the same statements decided on both sides.
func mergeChanges(cs []Change) []Change {
	out := []Change{}
	index := map[string]int{}
	for _, c := range cs {
		o, _ := json.Marshal(c.Old.Reasons)
		n, _ := json.Marshal(c.New.Reasons)
		x, _ := json.Marshal(c.Context)
		k := fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s\x00%s", c.Principal, c.Credentials, c.Resource, c.Pattern, x, o, n, c.Old.Decision, c.New.Decision)
		if i, ok := index[k]; ok {
			out[i].Actions = append(out[i].Actions, c.Actions...)
			continue
		}
		index[k] = len(out)
		out = append(out, c)
	}
	for i := range out {
		sort.Strings(out[i].Actions)
		out[i].Actions = dedupeSorted(out[i].Actions)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Ref != out[j].Ref {
			return out[i].Ref < out[j].Ref
		}
		if out[i].Actions[0] != out[j].Actions[0] {
			return out[i].Actions[0] < out[j].Actions[0]
		}
		return out[i].Resource < out[j].Resource
	})
	return out
}

func dedupeSorted(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
