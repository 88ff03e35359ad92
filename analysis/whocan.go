package analysis

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/iamc/iamc/rego"
)

// Access is a caller the engine allows a request, with how.
type Access struct {
	// Principal is the caller's node: the ARN of a user, a root user or a
	// role (for its sessions), a service principal, "anonymous".
	Principal   string      `json:"principal"`
	Ref         string      `json:"ref"`
	Kind        Kind        `json:"kind"`
	Credentials Credentials `json:"credentials"`
	MFA         bool        `json:"mfa"`
	// Context is what the request context had to hold beyond the one
	// asked about (the values of the conditions it depends on).
	Context map[string]any `json:"context,omitempty"`
	// Decision is the engine's decision, with the statements that allowed.
	Decision rego.Decision `json:"decision"`
	// Prerequisite is a request the caller must be allowed first (a
	// federated user session needs sts:GetFederationToken).
	Prerequisite *Asked `json:"prerequisite,omitempty"`
	// WaysIn are the chains of assumptions into a role.
	WaysIn [][]Edge `json:"ways_in,omitempty"`
}

// WhoCanResult answers who may perform an action on a resource.
type WhoCanResult struct {
	Action   string         `json:"action"`
	Resource string         `json:"resource"`
	Context  map[string]any `json:"context,omitempty"`
	Allowed  []Access       `json:"allowed"`
	// Outside are the grants to principals the model does not hold.
	Outside []Outside `json:"outside"`
	// Candidates is how many callers could be allowed (a statement may
	// apply to them); Asked how many requests the engine decided.
	Candidates int `json:"candidates"`
	Asked      int `json:"asked"`
}

// WhoCan returns every caller the engine allows action on resource with
// the context base: users (with long-term keys, or with MFA when only
// that allows them), root users, the sessions of roles with every chain of
// assumptions into them, federated user sessions, and the services and
// anonymous callers a resource policy admits; and the grants of the
// resource's policy to principals outside the model.
func (p *Project) WhoCan(ctx context.Context, action, resource string, base map[string]any) (*WhoCanResult, error) {
	a := strings.ToLower(action)
	at := now()
	m := p.Model
	res := &WhoCanResult{Action: action, Resource: resource, Context: base, Allowed: []Access{}, Outside: []Outside{}}
	e := m.entryOf(a, resource)
	var entryStmts []*Statement
	if e.policy != nil {
		entryStmts = e.policy.mayAllow(a, resource)
	}
	account := e.account
	if account == "" {
		account = resourceAccount(resource)
	}
	cands, outside := p.whoCanCandidates(a, resource, entryStmts, at)
	res.Outside = append(res.Outside, outside...)
	cands, fed, err := p.federatedCandidates(ctx, cands, a, resource, at)
	if err != nil {
		return nil, err
	}
	cands = append(cands, fed.cands...)
	res.Candidates = len(cands)

	mfaOf := func(c candidate) bool {
		return readsMFA(e.policy) || (c.caller.Node != nil && readsMFA(c.caller.Node.sets()...))
	}
	got, asked, err := p.decideJobs(ctx, jobsFor(cands, a, resource, account, e.found, mfaOf), base)
	if err != nil {
		return nil, err
	}
	res.Asked = asked
	memo := Assumptions{}
	for i, c := range cands {
		r := got[i]
		if !r.ok {
			continue
		}
		v := r.variant.caller
		acc := Access{Principal: c.caller.ID(), Ref: c.caller.Ref(), Kind: c.caller.Kind, Credentials: v.Credentials,
			MFA: v.MFA, Context: extraContext(base, r.variant.ctx), Decision: r.decision}
		if pre, ok := fed.prereq[c.caller.Principal]; ok {
			acc.Prerequisite = &pre
		}
		if c.caller.Kind == KindRole {
			ways, out, err := p.WaysIn(ctx, c.caller.Node, base, memo)
			if err != nil {
				return nil, err
			}
			acc.WaysIn = ways
			res.Outside = appendOutside(res.Outside, out)
		}
		res.Allowed = append(res.Allowed, acc)
	}
	sortAccesses(res.Allowed)
	return res, nil
}

// whoCanCandidates returns the callers a statement may allow the request:
// every principal whose identity policies may allow it, every root user
// (allowed everything in its own account), and the callers the resource's
// policy names.
func (p *Project) whoCanCandidates(a, resource string, entryStmts []*Statement, at time.Time) ([]candidate, []Outside) {
	m := p.Model
	var out []candidate
	index := map[string]int{}
	cache := m.newApplyCache(a, resource)
	for _, pr := range m.principalsOf() {
		own := cache.mayAllow(pr.Identity())
		if pr.Kind != KindRoot && len(own) == 0 {
			continue
		}
		var stmts []*Statement
		for _, set := range pr.sets() {
			stmts = append(stmts, cache.mayApplying(set)...)
		}
		c := callerOf(pr, false, at)
		index[c.Principal] = len(out)
		out = append(out, candidate{caller: c, stmts: stmts})
	}
	named, outside := p.namedCallers(entryStmts, a, resource, at)
	for _, c := range named {
		if i, ok := index[c.caller.Principal]; ok {
			out[i].stmts = append(out[i].stmts, c.stmts...)
			continue
		}
		if n := c.caller.Node; n != nil {
			for _, set := range n.sets() {
				c.stmts = append(c.stmts, set.mayApplying(a, resource)...)
			}
		}
		index[c.caller.Principal] = len(out)
		out = append(out, c)
	}
	return out, outside
}

// federated holds the federated user sessions to ask about, and the
// sts:GetFederationToken request each needed.
type federated struct {
	cands  []candidate
	prereq map[string]Asked
}

// federatedCandidates adds, for every user candidate whose policies may
// allow sts:GetFederationToken, its federated user session, once the
// engine allowed the user to get one.
func (p *Project) federatedCandidates(ctx context.Context, cands []candidate, a, resource string, at time.Time) ([]candidate, federated, error) {
	fed := federated{prereq: map[string]Asked{}}
	var users []candidate
	var reqs []rego.Request
	for _, c := range cands {
		u := c.caller.Node
		if u == nil || u.Kind != KindUser {
			continue
		}
		arn := "arn:aws:sts::" + u.Account + ":federated-user/" + u.Name
		if len(u.Identity().mayAllow("sts:getfederationtoken", arn)) == 0 {
			continue
		}
		users = append(users, c)
		reqs = append(reqs, c.caller.request("sts:GetFederationToken", arn, nil))
	}
	ds, err := p.decideAll(ctx, reqs)
	if err != nil {
		return nil, fed, err
	}
	for i, c := range users {
		if !ds[i].Allowed {
			continue
		}
		fc := federatedCaller(c.caller.Node, at)
		fed.cands = append(fed.cands, candidate{caller: fc, stmts: c.stmts})
		fed.prereq[fc.Principal] = asked(c.caller, "sts:GetFederationToken", reqs[i].Resource, nil, ds[i])
	}
	return cands, fed, nil
}

// job is one request to ask of a candidate caller.
type job struct {
	cand     candidate
	action   string // lower case
	resource string
	account  string // the resource's account, for instances of ARN patterns
	governed bool   // a resource-based policy governs the resource
	mfa      bool   // a statement reads an MFA key: ask with MFA too
	// extra holds context keys the request always carries (such as
	// iam:PassedToService for iam:PassRole).
	extra map[string]any
}

// decideJobs asks every job: first as given (and with MFA when a
// statement reads it), then, for a job denied for want of a context key,
// with the contexts its statements' conditions suggest. It returns the
// first variant allowed of each, and how many requests it asked.
func (p *Project) decideJobs(ctx context.Context, jobs []job, base map[string]any) ([]allowedVariant, int, error) {
	at := now()
	first := make([][]variant, len(jobs))
	bases := make([]map[string]any, len(jobs))
	for i, j := range jobs {
		c := j.cand.caller
		bases[i] = withExtra(base, j.extra)
		first[i] = []variant{{c, bases[i], j.action, j.resource}}
		if j.mfa && c.Node != nil && c.Kind != KindFederated {
			first[i] = append(first[i], variant{withMFA(c, at), bases[i], j.action, j.resource})
		}
	}
	got, missing, err := p.decideVariants(ctx, first)
	if err != nil {
		return nil, 0, err
	}
	second := make([][]variant, len(jobs))
	for i, j := range jobs {
		if got[i].ok || len(missing[i]) == 0 {
			continue
		}
		for _, x := range p.Model.contextsFor(bases[i], j.cand.stmts, j.cand.caller.Node, j.account, j.governed, missing[i], nil) {
			if len(x) == len(bases[i]) {
				continue
			}
			for _, v := range first[i] {
				second[i] = append(second[i], variant{v.caller, x, j.action, j.resource})
			}
		}
	}
	more, _, err := p.decideVariants(ctx, second)
	if err != nil {
		return nil, 0, err
	}
	for i := range got {
		if !got[i].ok {
			got[i] = more[i]
		}
	}
	return got, countVariants(first) + countVariants(second), nil
}

// jobsFor makes one job per candidate for the same request.
func jobsFor(cands []candidate, a, resource, account string, governed bool, mfa func(candidate) bool) []job {
	out := make([]job, len(cands))
	for i, c := range cands {
		out[i] = job{cand: c, action: a, resource: resource, account: account, governed: governed, mfa: mfa(c)}
	}
	return out
}

// decideVariants decides every variant and returns, for each candidate,
// the first variant allowed, and the context keys its first request
// lacked (lower case), as the decision reports them.
func (p *Project) decideVariants(ctx context.Context, vs [][]variant) ([]allowedVariant, []map[string]bool, error) {
	var reqs []rego.Request
	for _, list := range vs {
		for _, v := range list {
			reqs = append(reqs, v.caller.request(v.action, v.resource, v.ctx))
		}
	}
	ds, err := p.decideAll(ctx, reqs)
	if err != nil {
		return nil, nil, err
	}
	got := make([]allowedVariant, len(vs))
	missing := make([]map[string]bool, len(vs))
	k := 0
	for i, list := range vs {
		for j, v := range list {
			d := ds[k]
			k++
			if j == 0 && len(d.MissingContext) > 0 {
				missing[i] = map[string]bool{}
				for _, key := range d.MissingContext {
					missing[i][strings.ToLower(key)] = true
				}
			}
			if !got[i].ok && d.Allowed {
				got[i] = allowedVariant{v, d, true}
			}
		}
	}
	return got, missing, nil
}

func countVariants(vs [][]variant) int {
	n := 0
	for _, l := range vs {
		n += len(l)
	}
	return n
}

func appendOutside(list, more []Outside) []Outside {
	seen := map[string]bool{}
	for _, o := range list {
		seen[o.Principal+"\x00"+o.Statement] = true
	}
	for _, o := range more {
		if k := o.Principal + "\x00" + o.Statement; !seen[k] {
			seen[k] = true
			list = append(list, o)
		}
	}
	return list
}

var kindOrder = map[Kind]int{KindUser: 0, KindRoot: 1, KindRole: 2, KindFederated: 3, KindService: 4, KindAnonymous: 5, KindExternal: 6}

func sortAccesses(as []Access) {
	sort.SliceStable(as, func(i, j int) bool {
		if kindOrder[as[i].Kind] != kindOrder[as[j].Kind] {
			return kindOrder[as[i].Kind] < kindOrder[as[j].Kind]
		}
		return as[i].Ref < as[j].Ref
	})
}

// withExtra is base with the keys of extra added.
func withExtra(base, extra map[string]any) map[string]any {
	if len(extra) == 0 {
		return base
	}
	out := make(map[string]any, len(base)+len(extra))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}
