package analysis

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/netip"
	"strings"
	"time"
)

// Request contexts to ask with. A condition reads a context key; the
// values worth trying for a key are those that make each condition on it
// hold (the policy's own values, an address inside a CIDR block, a number
// below a bound), one that makes none hold, and the key's absence. Which
// context allows a request is then the engine's answer.

// maxContexts bounds the contexts tried for one request.
const maxContexts = 16

// vars resolves the policy variables of a principal that an instance of a
// pattern may need.
func (p *Principal) vars(key string) (string, bool) {
	if p == nil {
		return "", false
	}
	switch key {
	case "aws:username":
		if p.Kind == KindUser {
			return p.Name, true
		}
	case "aws:principalaccount":
		return p.Account, true
	case "aws:principalarn":
		return p.ARN, true
	}
	if v, ok := p.Tags[key]; ok {
		return v, true
	}
	return "", false
}

// keyType is the type a request value of key k must have.
func (m *Model) keyType(k string) string {
	if t, ok := m.KeyTypes[k]; ok {
		return t
	}
	best := ""
	for prefix := range m.KeyFamilies {
		if strings.HasPrefix(k, prefix) && len(prefix) > len(best) {
			best = prefix
		}
	}
	if best != "" {
		return m.KeyFamilies[best]
	}
	return "s"
}

// requestable reports whether a request context may give key k (AWS sets
// the others itself, from the principal, its credentials, the resource or
// its clock).
func (m *Model) requestable(k string, governed bool) bool {
	if _, ok := m.Reserved[k]; ok {
		return false
	}
	if strings.HasPrefix(k, "aws:principal") {
		return false
	}
	return !(governed && strings.HasPrefix(k, "aws:resourcetag/"))
}

// satisfying returns request values for which the operator holds against
// one policy value (before negation).
func satisfying(c Condition, v any, typ string, who *Principal, account string) []any {
	switch c.Op {
	case "s", "si", "sl", "arn", "b":
		p, ok := v.(Pattern)
		if !ok {
			if s, isStr := v.(string); isStr {
				p = Pattern{Kind: '=', Text: s}
			} else {
				return nil
			}
		}
		var s string
		switch {
		case c.Op == "arn":
			s, _ = p.Instance(account, who.vars)
		default:
			s = textInstance(p, who)
		}
		if c.Op == "b" {
			return []any{strings.ToLower(s)}
		}
		return []any{s}
	case "ip":
		if s, ok := v.(string); ok {
			if pfx, err := netip.ParsePrefix(s); err == nil {
				return []any{pfx.Addr().String()}
			}
		}
	case "bin":
		return []any{v}
	case "null":
		return nil
	}
	n, ok := numberOf(v)
	if !ok {
		return nil
	}
	if c.Op[0] == 'd' {
		return dateProbes(c.Op[1:], n, typ)
	}
	return numberProbes(c.Op[1:], n)
}

// textInstance is a string that a string pattern matches.
func textInstance(p Pattern, who *Principal) string {
	switch p.Kind {
	case '*':
		return Filler
	case '=':
		return p.Text
	case '^':
		return p.Text + Filler
	case '~', ':':
		return strings.NewReplacer("*", Filler, "?", "x").Replace(displayToks(p.toks))
	}
	s, _ := p.Instance("", who.vars)
	return s
}

func numberOf(v any) (*big.Float, bool) {
	switch x := v.(type) {
	case json.Number:
		f, ok := new(big.Float).SetString(string(x))
		return f, ok
	case float64:
		return big.NewFloat(x), true
	}
	return nil, false
}

func numberProbes(op string, n *big.Float) []any {
	one := big.NewFloat(1)
	out := []any{n.Text('f', -1)}
	switch op {
	case "<":
		out = []any{new(big.Float).Sub(n, one).Text('f', -1)}
	case ">":
		out = []any{new(big.Float).Add(n, one).Text('f', -1)}
	}
	return out
}

// dateProbes are dates (nanoseconds since the epoch in the policy) for a
// date operator, as RFC 3339 times, or epoch seconds for a key that is
// also a number.
func dateProbes(op string, ns *big.Float, typ string) []any {
	v, _ := ns.Int64()
	t := time.Unix(0, v).UTC()
	switch op {
	case "<":
		t = t.Add(-time.Second)
	case ">":
		t = t.Add(time.Second)
	}
	if strings.Contains(typ, "n") {
		return []any{fmt.Sprint(t.Unix())}
	}
	return []any{t.Format(time.RFC3339)}
}

// missValue is a value of the type that matches none of the conditions'
// values (most likely).
func missValue(typ string, conds []Condition) any {
	switch {
	case strings.Contains(typ, "n"):
		return "-987654321"
	case strings.Contains(typ, "d"):
		return "1970-01-01T00:00:01Z"
	}
	switch typ {
	case "b":
		for _, c := range conds {
			for _, v := range c.Values {
				if p, ok := v.(Pattern); ok && p.Text == "false" {
					return "true"
				}
			}
		}
		return "false"
	case "ip":
		for _, a := range []string{"192.0.2.10", "198.51.100.10", "2001:db8::10"} {
			if !inAny(a, conds) {
				return a
			}
		}
		return "203.0.113.10"
	case "arn":
		return "arn:aws:iam::000000000000:role/iamc-none"
	case "bin":
		return "aWFtYy1ub25l"
	}
	return "iamc-none"
}

func inAny(addr string, conds []Condition) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	for _, c := range conds {
		for _, v := range c.Values {
			if s, ok := v.(string); ok {
				if p, err := netip.ParsePrefix(s); err == nil && p.Contains(a) {
					return true
				}
			}
		}
	}
	return false
}

// contextsFor returns contexts to try, each base with values for the keys
// the statements' conditions read (those a request may give and base
// does not, and when only is set, those it lists): for each Allow
// statement with conditions, values that make its conditions hold and
// those of every Deny fail; one context where only the Denies' conditions
// fail; and for each statement of wantDeny, values that make its
// conditions hold (with an Allow's) — a Deny that differs between two
// revisions shows only where it applies. At most maxContexts.
func (m *Model) contextsFor(base map[string]any, stmts []*Statement, who *Principal, account string, governed bool,
	only map[string]bool, wantDeny []*Statement) []map[string]any {
	given := lowerKeys(base)
	usable := func(c Condition) bool {
		if _, ok := given[c.Key]; ok || !m.requestable(c.Key, governed) {
			return false
		}
		return only == nil || only[c.Key]
	}
	// failing: for every key a Deny reads, a value that makes its
	// conditions fail (absent when that does).
	failing := map[string]contextValue{}
	for _, s := range stmts {
		if s.Allow() {
			continue
		}
		for _, c := range s.Conditions {
			if usable(c) {
				if _, done := failing[c.Key]; !done {
					failing[c.Key] = m.failingValue(c, who, account)
				}
			}
		}
	}
	var out []map[string]any
	seen := map[string]bool{}
	emit := func(set map[string]contextValue) {
		c := map[string]any{}
		for k, v := range base {
			c[k] = v
		}
		for _, v := range set {
			if !v.absent {
				c[v.name] = v.value
			}
		}
		b, _ := json.Marshal(c)
		if !seen[string(b)] && len(out) < maxContexts {
			seen[string(b)] = true
			out = append(out, c)
		}
	}
	holding := func(s *Statement, into map[string]contextValue) bool {
		any := false
		for _, c := range s.Conditions {
			if usable(c) {
				into[c.Key] = m.holdingValue(c, who, account)
				any = true
			}
		}
		return any
	}
	withFailing := func() map[string]contextValue {
		set := make(map[string]contextValue, len(failing))
		for k, v := range failing {
			set[k] = v
		}
		return set
	}
	emit(withFailing())
	for _, s := range stmts {
		if !s.Allow() {
			continue
		}
		set := withFailing()
		if holding(s, set) {
			emit(set)
		}
	}
	for _, d := range wantDeny {
		for _, s := range append([]*Statement{{}}, stmts...) {
			if s.Effect != "" && !s.Allow() {
				continue
			}
			set := map[string]contextValue{}
			holding(s, set)
			if holding(d, set) {
				emit(set)
			}
		}
	}
	return out
}

// contextValue is a value for a key, or its absence.
type contextValue struct {
	name   string // the key as a condition writes it
	absent bool
	value  any
}

// holdingValue is a value for which the condition holds.
func (m *Model) holdingValue(c Condition, who *Principal, account string) contextValue {
	typ := m.keyType(c.Key)
	v := contextValue{name: c.KeyName}
	switch {
	case c.Op == "null":
		if len(c.Values) > 0 && c.Values[0] == true {
			v.absent = true
		} else {
			v.value = listIf(typ, missValue(strings.TrimSuffix(typ, "*"), nil))
		}
	case c.Set == "all":
		v.absent = true // ForAllValues holds on an absent key
	case c.Negated && c.Set != "any":
		v.absent = true // a negated operator holds on an absent key
	case c.Negated:
		v.value = listIf(typ, missValue(strings.TrimSuffix(typ, "*"), []Condition{c}))
	default:
		v.value = m.listed(c, typ, who, account)
		v.absent = v.value == nil && c.IfExists
	}
	return v
}

// failingValue is a value for which the condition fails.
func (m *Model) failingValue(c Condition, who *Principal, account string) contextValue {
	typ := m.keyType(c.Key)
	v := contextValue{name: c.KeyName}
	switch {
	case c.Op == "null":
		if len(c.Values) > 0 && c.Values[0] == true {
			v.value = listIf(typ, missValue(strings.TrimSuffix(typ, "*"), nil))
		} else {
			v.absent = true
		}
	case c.Negated:
		v.value = m.listed(c, typ, who, account)
		v.absent = v.value == nil
	case c.IfExists || c.Set == "all":
		v.value = listIf(typ, missValue(strings.TrimSuffix(typ, "*"), []Condition{c}))
	default:
		v.absent = true // a positive operator fails on an absent key
	}
	return v
}

// listed is a value that matches the condition's first value (before
// negation), or nil.
func (m *Model) listed(c Condition, typ string, who *Principal, account string) any {
	for _, pv := range c.Values {
		if xs := satisfying(c, pv, strings.TrimSuffix(typ, "*"), who, account); len(xs) > 0 {
			return listIf(typ, xs[0])
		}
	}
	return nil
}

// listIf wraps a value in a list for a multivalued key.
func listIf(typ string, v any) any {
	if strings.HasSuffix(typ, "*") {
		return []any{v}
	}
	return v
}

func lowerKeys(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}
