package analysis

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// operatorNames names a lowered operator code, positive and negated.
var operatorNames = map[string][2]string{
	"s":    {"StringEquals", "StringNotEquals"},
	"si":   {"StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"},
	"sl":   {"StringLike", "StringNotLike"},
	"n=":   {"NumericEquals", "NumericNotEquals"},
	"n<":   {"NumericLessThan", ""},
	"n<=":  {"NumericLessThanEquals", ""},
	"n>":   {"NumericGreaterThan", ""},
	"n>=":  {"NumericGreaterThanEquals", ""},
	"d=":   {"DateEquals", "DateNotEquals"},
	"d<":   {"DateLessThan", ""},
	"d<=":  {"DateLessThanEquals", ""},
	"d>":   {"DateGreaterThan", ""},
	"d>=":  {"DateGreaterThanEquals", ""},
	"b":    {"Bool", ""},
	"bin":  {"BinaryEquals", ""},
	"ip":   {"IpAddress", "NotIpAddress"},
	"arn":  {"ArnLike", "ArnNotLike"},
	"null": {"Null", ""},
}

// Operator is the condition's operator as a policy writes it, such as
// ForAnyValue:StringLikeIfExists.
func (c Condition) Operator() string {
	names := operatorNames[c.Op]
	name := names[0]
	if c.Negated && names[1] != "" {
		name = names[1]
	}
	if name == "" {
		name = c.Op
	}
	if c.IfExists {
		name += "IfExists"
	}
	switch c.Set {
	case "any":
		name = "ForAnyValue:" + name
	case "all":
		name = "ForAllValues:" + name
	}
	return name
}

// ValueTexts are the condition's values as a policy writes them.
func (c Condition) ValueTexts() []string {
	out := make([]string, 0, len(c.Values))
	for _, v := range c.Values {
		out = append(out, valueText(c.Op, v))
	}
	return out
}

func valueText(op string, v any) string {
	switch x := v.(type) {
	case Pattern:
		return x.Display()
	case string:
		return x
	case bool:
		return fmt.Sprint(x)
	case json.Number:
		if op != "" && op[0] == 'd' {
			if ns, err := x.Int64(); err == nil {
				return time.Unix(0, ns).UTC().Format(time.RFC3339)
			}
		}
		return x.String()
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// String writes the condition on one line: Bool aws:MultiFactorAuthPresent = true.
func (c Condition) String() string {
	return c.Operator() + " " + c.KeyName + " = " + strings.Join(c.ValueTexts(), ", ")
}

// conditionTexts writes a statement's conditions, one string each.
func conditionTexts(s *Statement) []string {
	var out []string
	for _, c := range s.Conditions {
		out = append(out, c.String())
	}
	return out
}
