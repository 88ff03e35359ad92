package catalog

import (
	"sort"
	"strings"

	"github.com/iamc/iamc/catalog/internal/wire"
)

// ConditionKey is a condition context key.
type ConditionKey struct {
	// Name is the key as AWS writes it. A key family that holds a name of
	// the caller's choosing is written with a placeholder:
	// "aws:RequestTag/${TagKey}", "s3:ExistingObjectTag/<key>".
	Name string
	// Type is the value type as the service authorization reference names
	// it: String, ArrayOfString, Numeric, ArrayOfNumeric, Date, ArrayOfDate,
	// Bool, ArrayOfBool, ARN, ArrayOfARN, IPAddress, ArrayOfIPAddress,
	// Binary, ArrayOfBinary or Null.
	Type string
	// Global is true for the AWS global condition context keys, which any
	// request may carry; the fields below are set only for them.
	Global bool
	// Category is the page's section: "principal", "session", "network",
	// "resource" or "request".
	Category string
	// Availability says, in a few words of the page, when AWS puts the key
	// in the request context ("always included", "only for temporary
	// credentials; …"). Empty for a key the page does not describe.
	Availability string
	// Sensitive marks the keys the page lists as sensitive: a wildcard in
	// their values has no valid use.
	Sensitive bool
}

// MultiValued reports whether the key can carry several values in one
// request (an ArrayOf type), so that conditions on it need ForAnyValue or
// ForAllValues.
func (k *ConditionKey) MultiValued() bool {
	return strings.HasPrefix(k.Type, "ArrayOf")
}

// ScalarType returns the type of one value of the key: Type without
// "ArrayOf".
func (k *ConditionKey) ScalarType() string {
	return strings.TrimPrefix(k.Type, "ArrayOf")
}

// conditionKeyIndex finds condition keys by name.
type conditionKeyIndex struct {
	exact map[string]*ConditionKey // lower-cased name
	// templates holds the names with placeholders by the lower-cased
	// prefix before their first colon, "" for those with a placeholder
	// there (token.actions.${Domain}.ghe.com:sub).
	templates map[string][]keyTemplate
	globals   []*ConditionKey // sorted by lower-cased name
}

// keyTemplate matches the names of a key family: the literal parts of its
// lower-cased name, each placeholder between two parts matching a non-empty
// run of any characters.
type keyTemplate struct {
	key     *ConditionKey
	parts   []string
	literal int // total length of parts: more is more specific
}

// buildConditionKeys merges the condition key tables of every service with
// the global keys. A key several services list is one entry; if their types
// differ, the global table decides, else the service whose prefix the key
// carries, else the first service by prefix.
func buildConditionKeys(w *wire.IAM, services []*Service) conditionKeyIndex {
	idx := conditionKeyIndex{exact: map[string]*ConditionKey{}, templates: map[string][]keyTemplate{}}
	owner := map[string]string{} // lower-cased name → prefix of the service that set it
	for _, g := range w.GlobalKeys {
		k := &ConditionKey{Name: g.Key, Type: g.Type, Global: true, Category: g.Category,
			Availability: g.Availability, Sensitive: g.Sensitive}
		idx.exact[strings.ToLower(g.Key)] = k
		idx.globals = append(idx.globals, k)
	}
	for i := range w.Services {
		ws := &w.Services[i]
		svc := services[i]
		svc.ConditionKeys = make([]*ConditionKey, len(ws.ConditionKeys))
		for j, wk := range ws.ConditionKeys {
			lower := strings.ToLower(wk.Key)
			k, seen := idx.exact[lower]
			switch {
			case !seen:
				k = &ConditionKey{Name: wk.Key, Type: wk.Type}
				idx.exact[lower] = k
				owner[lower] = ws.Prefix
			case k.Type != wk.Type:
				own := &ConditionKey{Name: wk.Key, Type: wk.Type}
				if !k.Global && owner[lower] != keyPrefix(lower) && keyPrefix(lower) == ws.Prefix {
					idx.exact[lower] = own
					owner[lower] = ws.Prefix
				}
				k = own // the service's list keeps the type its table gives
			}
			svc.ConditionKeys[j] = k
		}
	}
	for lower, k := range idx.exact {
		if parts, ok := splitTemplate(lower); ok {
			n := 0
			for _, p := range parts {
				n += len(p)
			}
			p := ""
			if strings.Contains(parts[0], ":") {
				p = keyPrefix(parts[0])
			}
			idx.templates[p] = append(idx.templates[p], keyTemplate{key: k, parts: parts, literal: n})
		}
	}
	for _, list := range idx.templates {
		sort.Slice(list, func(i, j int) bool { return list[i].key.Name < list[j].key.Name })
	}
	return idx
}

func keyPrefix(key string) string {
	p, _, _ := strings.Cut(key, ":")
	return p
}

// splitTemplate splits a lower-cased key name at its placeholders, written
// ${Name} or <name>, into the literal parts before, between and after them.
func splitTemplate(name string) ([]string, bool) {
	var parts []string
	start := 0 // of the current literal part
	for i := 0; i < len(name); {
		end := -1
		switch {
		case strings.HasPrefix(name[i:], "${"):
			end = strings.IndexByte(name[i:], '}')
		case name[i] == '<':
			end = strings.IndexByte(name[i:], '>')
		}
		if end < 0 {
			i++
			continue
		}
		parts = append(parts, name[start:i])
		i += end + 1
		start = i
	}
	if parts == nil {
		return nil, false
	}
	return append(parts, name[start:]), true
}

// match reports whether the lower-cased name belongs to the family.
func (t *keyTemplate) match(name string) bool {
	first, last := t.parts[0], t.parts[len(t.parts)-1]
	if !strings.HasPrefix(name, first) {
		return false
	}
	s := name[len(first):]
	for _, p := range t.parts[1 : len(t.parts)-1] {
		if len(s) < 1 {
			return false
		}
		i := strings.Index(s[1:], p)
		if i < 0 {
			return false
		}
		s = s[1+i+len(p):]
	}
	return len(s) >= 1+len(last) && strings.HasSuffix(s, last)
}

// LookupConditionKey returns the condition key with the given name, in any
// case. A name in a key family ("aws:RequestTag/Dept",
// "s3:ExistingObjectTag/classification", "kms:EncryptionContext:aws:pi")
// returns the family's entry ("aws:RequestTag/${TagKey}"); when several
// families fit, the one with the longest literal text wins.
func LookupConditionKey(key string) (*ConditionKey, bool) {
	idx := &iamIdx().keys
	var buf [128]byte
	lower := lowerInto(buf[:], key)
	if k, ok := idx.exact[string(lower)]; ok {
		return k, true
	}
	name := string(lower)
	var best *keyTemplate
	for _, list := range [2][]keyTemplate{idx.templates[keyPrefix(name)], idx.templates[""]} {
		for i := range list {
			t := &list[i]
			if (best == nil || t.literal > best.literal) && t.match(name) {
				best = t
			}
		}
	}
	if best == nil {
		return nil, false
	}
	return best.key, true
}

// GlobalConditionKeys returns the AWS global condition context keys,
// sorted by lower-cased name.
func GlobalConditionKeys() []*ConditionKey {
	return append([]*ConditionKey(nil), iamIdx().keys.globals...)
}
