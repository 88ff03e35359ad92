package analysis

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/iamc/iamc/rego"
)

// Operator is the condition's operator as a policy writes it, such as
// ForAnyValue:StringLikeIfExists.
func (c Condition) Operator() string { return rego.OperatorName(c.Op, c.Negated, c.IfExists, c.Set) }

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
