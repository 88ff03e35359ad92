package analysis

import (
	"encoding/json"
	"fmt"
	"math/big"
	"net/netip"
	"sort"
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

// keyProbe is one value to try for a key; absent means the key is left out.
type keyProbe struct {
	absent bool
	value  any
}

func (v keyProbe) id() string {
	if v.absent {
		return "\x00absent"
	}
	b, _ := json.Marshal(v.value)
	return string(b)
}

// keyProbes returns the values worth trying for key k, given the
// conditions that read it: for each, values that make it hold; one value
// that no condition's values match; and absence.
func (m *Model) keyProbes(k string, conds []Condition, who *Principal, account string) []keyProbe {
	typ := m.keyType(k)
	list := strings.HasSuffix(typ, "*")
	base := strings.TrimSuffix(typ, "*")
	var out []keyProbe
	seen := map[string]bool{}
	add := func(v any) {
		if list {
			v = []any{v}
		}
		p := keyProbe{value: v}
		if !seen[p.id()] {
			seen[p.id()] = true
			out = append(out, p)
		}
	}
	for _, c := range conds {
		for _, v := range c.Values {
			for _, x := range satisfying(c, v, base, who, account) {
				add(x)
			}
		}
	}
	add(missValue(base, conds))
	out = append(out, keyProbe{absent: true})
	return out
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

// contextsFor returns contexts to try: base with every combination of the
// probes of the keys the statements' conditions read (those a request may
// give and base does not), bounded by maxContexts. When the combinations
// are more, each key varies alone while the others keep their first
// keyProbe.
func (m *Model) contextsFor(base map[string]any, stmts []*Statement, who *Principal, account string, governed bool, only map[string]bool) []map[string]any {
	byKey := map[string][]Condition{}
	for _, s := range stmts {
		for _, c := range s.Conditions {
			if _, given := lowerKeys(base)[c.Key]; given || !m.requestable(c.Key, governed) {
				continue
			}
			if only != nil && !only[c.Key] {
				continue
			}
			byKey[c.Key] = append(byKey[c.Key], c)
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	probes := make([][]keyProbe, len(keys))
	names := make([]string, len(keys))
	total := 1
	for i, k := range keys {
		probes[i] = m.keyProbes(k, byKey[k], who, account)
		names[i] = byKey[k][0].KeyName
		total *= len(probes[i])
		if total > maxContexts*4 {
			total = maxContexts * 4
		}
	}
	var out []map[string]any
	seen := map[string]bool{}
	emit := func(choice []int) {
		c := map[string]any{}
		for k, v := range base {
			c[k] = v
		}
		for i, j := range choice {
			if pv := probes[i][j]; !pv.absent {
				c[names[i]] = pv.value
			}
		}
		b, _ := json.Marshal(c)
		if !seen[string(b)] && len(out) < maxContexts {
			seen[string(b)] = true
			out = append(out, c)
		}
	}
	choice := make([]int, len(keys))
	if total <= maxContexts {
		for {
			emit(choice)
			i := len(choice) - 1
			for i >= 0 {
				choice[i]++
				if choice[i] < len(probes[i]) {
					break
				}
				choice[i] = 0
				i--
			}
			if i < 0 {
				break
			}
		}
		return out
	}
	emit(choice)
	for i := range keys {
		for j := 1; j < len(probes[i]); j++ {
			c := make([]int, len(keys))
			c[i] = j
			emit(c)
		}
	}
	return out
}

func lowerKeys(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}
