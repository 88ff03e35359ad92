package analysis

import (
	"strings"
)

// The candidates of a question: which statements could apply to a
// request, computed without the request context. Everything here answers
// "may": a statement kept may not apply once its conditions are read (the
// engine decides), but a statement dropped cannot apply.

// MatchesAction reports whether the statement's Action (or NotAction)
// admits a lower-case action.
func (s *Statement) MatchesAction(a string) bool {
	if s.NotActions != nil {
		for _, p := range s.NotActions {
			if p.MatchAction(a) {
				return false
			}
		}
		return true
	}
	for _, p := range s.Actions {
		if p.MatchAction(a) {
			return true
		}
	}
	return false
}

// resourceMay says whether the statement's Resource or NotResource may
// admit the resource: "*" and no element at all (a trust statement) admit
// every resource; a policy variable may admit any.
func (s *Statement) resourceMay(r string) tri {
	switch {
	case s.Resources != nil:
		best := no
		for _, p := range s.Resources {
			best = max(best, p.matchValue(r))
		}
		return best
	case s.NotResources != nil:
		worst := yes
		for _, p := range s.NotResources {
			switch p.matchValue(r) {
			case yes:
				return no
			case maybe:
				worst = maybe
			}
		}
		return worst
	}
	return yes
}

// AnyResource reports whether the statement applies to every resource
// (Resource "*", or no Resource element).
func (s *Statement) AnyResource() bool { return s.Resources == nil && s.NotResources == nil }

// mayApply: the action matches and the resource may.
func (s *Statement) mayApply(a, r string) bool {
	return s.MatchesAction(a) && s.resourceMay(r) != no
}

// mayAllow returns the Allow statements of a set that may apply to a
// request for a lower-case action on a resource.
func (set *Set) mayAllow(a, r string) []*Statement {
	if set == nil {
		return nil
	}
	var out []*Statement
	for _, s := range set.Statements {
		if s.Allow() && s.mayApply(a, r) {
			out = append(out, s)
		}
	}
	return out
}

// mayApplying returns every statement of a set, Allow or Deny, that may
// apply to the request.
func (set *Set) mayApplying(a, r string) []*Statement {
	if set == nil {
		return nil
	}
	var out []*Statement
	for _, s := range set.Statements {
		if s.mayApply(a, r) {
			out = append(out, s)
		}
	}
	return out
}

// names reports whether a statement's Principal names one of the
// identifiers (or everyone).
func (s *Statement) names(ids ...string) bool {
	if s.Principals == nil {
		return false
	}
	if s.Principals["*"] {
		return true
	}
	for _, id := range ids {
		if id != "" && s.Principals[id] {
			return true
		}
	}
	return false
}

// trustActions are the actions a role's trust policy gatekeeps (lower
// case), as rego/core/core.rego lists them.
var trustActions = map[string]bool{
	"sts:assumerole": true, "sts:assumerolewithsaml": true, "sts:assumerolewithwebidentity": true,
	"sts:tagsession": true, "sts:setsourceidentity": true, "sts:setcontext": true,
}

// entry is the resource-based policy that governs a request, as the core
// finds it: a role's trust policy for the actions it gatekeeps, else the
// policy of the resource block for the ARN or for the ARN up to its first
// "/".
type entry struct {
	policy  *Set
	account string
	gate    bool // the policy must allow the caller itself
	found   bool // the request has an entry (a role without trust, a resource without policy)
}

func (m *Model) entryOf(a, r string) entry {
	if trustActions[a] {
		if role := m.Roles[r]; role != nil {
			return entry{policy: role.Trust, account: role.Account, gate: true, found: true}
		}
		return entry{}
	}
	res := m.Resources[r]
	if res == nil {
		if i := strings.IndexByte(r, '/'); i > 0 {
			res = m.Resources[r[:i]]
		}
	}
	if res == nil {
		return entry{}
	}
	return entry{policy: res.Policy, account: res.Account, gate: res.Gatekeeper, found: true}
}

// resourceAccount is the account of a resource ARN's account segment, or
// "" when it has none.
func resourceAccount(r string) string {
	parts := strings.SplitN(r, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}

// readsKey reports whether a statement has a condition on one of the
// keys (lower case), or on a key with one of the prefixes ending in "/".
func (s *Statement) readsKey(keys ...string) bool {
	for _, c := range s.Conditions {
		for _, k := range keys {
			if c.Key == k || (strings.HasSuffix(k, "/") && strings.HasPrefix(c.Key, k)) {
				return true
			}
		}
	}
	return false
}

// mfaKeys are the keys whose value depends on whether the credentials
// used MFA.
var mfaKeys = []string{"aws:multifactorauthpresent", "aws:multifactorauthage"}

// readsMFA reports whether any statement of the sets reads an MFA key.
func readsMFA(sets ...*Set) bool {
	for _, set := range sets {
		if set == nil {
			continue
		}
		for _, s := range set.Statements {
			if s.readsKey(mfaKeys...) {
				return true
			}
		}
	}
	return false
}

// sets returns the policy sets of a principal's side.
func (p *Principal) sets() []*Set {
	out := make([]*Set, 0, len(p.Side))
	for _, s := range p.Side {
		out = append(out, s.Set)
	}
	return out
}

// applyCache remembers, for one request, which statements may apply to it
// (many policy sets share their statements: a group's policies are in the
// set of every member).
type applyCache struct {
	a, r  string
	state []int8 // by statement id: 0 not yet known, 1 no, 2 yes
}

func (m *Model) newApplyCache(a, r string) *applyCache {
	return &applyCache{a: a, r: r, state: make([]int8, len(m.Statements))}
}

func (c *applyCache) may(s *Statement) bool {
	if s.ID < 0 || s.ID >= len(c.state) {
		return s.mayApply(c.a, c.r)
	}
	if c.state[s.ID] == 0 {
		c.state[s.ID] = 1
		if s.mayApply(c.a, c.r) {
			c.state[s.ID] = 2
		}
	}
	return c.state[s.ID] == 2
}

// mayAllow returns the Allow statements of a set that may apply.
func (c *applyCache) mayAllow(set *Set) []*Statement {
	if set == nil {
		return nil
	}
	var out []*Statement
	for _, s := range set.Statements {
		if s.Allow() && c.may(s) {
			out = append(out, s)
		}
	}
	return out
}

// mayApplying returns every statement of a set that may apply.
func (c *applyCache) mayApplying(set *Set) []*Statement {
	if set == nil {
		return nil
	}
	var out []*Statement
	for _, s := range set.Statements {
		if c.may(s) {
			out = append(out, s)
		}
	}
	return out
}
