package rego

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	opa "github.com/open-policy-agent/opa/v1/rego"
)

// Missed says what kept a statement from applying to a request.
type Missed string

// What a statement can miss.
const (
	MissedResource  Missed = "resource"  // its Resource or NotResource does not admit the resource
	MissedPrincipal Missed = "principal" // its Principal (a resource policy's) does not name the caller
	MissedCondition Missed = "condition" // a condition does not hold
	MissedNothing   Missed = "none"      // it applied
)

// NearMiss is a statement whose Action matches a request's action, and
// what it missed: for an implicit deny, the Allow statements that nearly
// applied; for an explicit deny, the Deny statements that applied, with
// the values their conditions saw.
type NearMiss struct {
	Layer     Layer  `json:"layer"`
	Policy    string `json:"policy"`
	Statement string `json:"statement"`
	Effect    Effect `json:"effect"`
	Source    string `json:"source"`
	Missed    Missed `json:"missed"`
	// Resources and NotResources are its resource patterns, as written.
	Resources    []string         `json:"resources,omitempty"`
	NotResources []string         `json:"not_resources,omitempty"`
	Conditions   []ConditionCheck `json:"conditions,omitempty"`
}

// Ref is the HCL reference of the statement.
func (n NearMiss) Ref() string { return StatementRef(n.Policy, n.Statement) }

// ConditionCheck is one condition of a statement, the value the request
// had for its key, and whether it held.
type ConditionCheck struct {
	Operator string   `json:"operator"` // as a policy writes it: ForAnyValue:StringLikeIfExists
	Key      string   `json:"key"`
	Values   []string `json:"values"`
	// Value is the request's value for the key (or the one AWS sets); nil
	// when the key is absent.
	Value any  `json:"value"`
	Holds bool `json:"holds"`
}

// String writes the check on one line: Bool aws:MultiFactorAuthPresent
// = true: the request has no aws:MultiFactorAuthPresent, so it fails.
func (c ConditionCheck) String() string {
	saw := "no " + c.Key
	if c.Value != nil {
		saw = fmt.Sprintf("%v", c.Value)
		if list, ok := c.Value.([]any); ok {
			parts := make([]string, len(list))
			for i, x := range list {
				parts[i] = fmt.Sprint(x)
			}
			saw = "[" + strings.Join(parts, ", ") + "]"
		}
	}
	verdict := "fails"
	if c.Holds {
		verdict = "holds"
	}
	return fmt.Sprintf("%s %s = %s: the request has %s, so it %s", c.Operator, c.Key, strings.Join(c.Values, ", "), saw, verdict)
}

// operatorNames names a lowered operator code (compiler/lower.go),
// positive and negated.
var operatorNames = map[string][2]string{
	"s": {"StringEquals", "StringNotEquals"}, "si": {"StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase"},
	"sl": {"StringLike", "StringNotLike"}, "n=": {"NumericEquals", "NumericNotEquals"},
	"n<": {"NumericLessThan", ""}, "n<=": {"NumericLessThanEquals", ""}, "n>": {"NumericGreaterThan", ""},
	"n>=": {"NumericGreaterThanEquals", ""}, "d=": {"DateEquals", "DateNotEquals"}, "d<": {"DateLessThan", ""},
	"d<=": {"DateLessThanEquals", ""}, "d>": {"DateGreaterThan", ""}, "d>=": {"DateGreaterThanEquals", ""},
	"b": {"Bool", ""}, "bin": {"BinaryEquals", ""}, "ip": {"IpAddress", "NotIpAddress"},
	"arn": {"ArnLike", "ArnNotLike"}, "null": {"Null", ""},
}

// OperatorName writes a lowered condition operator as a policy does:
// code is its base code (s, sl, n<, d=, ip, arn, b, null, …), set "any"
// for ForAnyValue: and "all" for ForAllValues:.
func OperatorName(code string, negated, ifExists bool, set string) string {
	names := operatorNames[code]
	name := names[0]
	if negated && names[1] != "" {
		name = names[1]
	}
	if name == "" {
		name = code
	}
	if ifExists {
		name += "IfExists"
	}
	switch set {
	case "any":
		name = "ForAnyValue:" + name
	case "all":
		name = "ForAllValues:" + name
	}
	return name
}

// WhyNot returns every statement whose Action matches the request's
// action, in every layer, with what it missed (data.iamc.whynot). It
// explains a decision without changing it: Decide decides. A request that
// cannot be decided has none. A bundle built before iamc had this
// entrypoint is an error.
func (e *Engine) WhyNot(ctx context.Context, req Request) ([]NearMiss, error) {
	input, err := requestInput(req)
	if err != nil {
		return nil, nil
	}
	e.whynotOnce.Do(func() {
		e.whynot, e.whynotErr = e.prepare(context.WithoutCancel(ctx), "data.iamc.whynot", opa.GenerateJSON(rawTerms))
	})
	pq, err := e.whynot, e.whynotErr
	if err != nil {
		return nil, fmt.Errorf("whynot: %w", err)
	}
	t, err := e.evalTerm(ctx, pq, input)
	var r *refused
	switch {
	case errors.As(err, &r):
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("whynot: %w", err)
	}
	arr, ok := t.Value.(*ast.Array)
	if !ok {
		return nil, fmt.Errorf("whynot: the bundle has no why-not entrypoint (build it with this iamc)")
	}
	out := make([]NearMiss, 0, arr.Len())
	arr.Foreach(func(t *ast.Term) {
		o, _ := t.Value.(ast.Object)
		n := NearMiss{
			Layer: Layer(text(field(o, "layer"))), Policy: text(field(o, "policy")), Statement: text(field(o, "statement")),
			Effect: Effect(text(field(o, "effect"))), Source: text(field(o, "source")), Missed: Missed(text(field(o, "missed"))),
			Resources: stringList(field(o, "resources")), NotResources: stringList(field(o, "not_resources")),
		}
		if cs, ok := field(o, "conditions").(*ast.Array); ok {
			cs.Foreach(func(ct *ast.Term) { n.Conditions = append(n.Conditions, conditionCheckOf(ct.Value)) })
		}
		out = append(out, n)
	})
	return out, nil
}

func conditionCheckOf(v ast.Value) ConditionCheck {
	c, _ := v.(ast.Object)
	neg, _ := field(c, "negated").(ast.Boolean)
	ifx, _ := field(c, "if_exists").(ast.Boolean)
	holds, _ := field(c, "holds").(ast.Boolean)
	check := ConditionCheck{
		Operator: OperatorName(text(field(c, "op")), bool(neg), bool(ifx), text(field(c, "set"))),
		Key:      text(field(c, "key")), Values: stringList(field(c, "values")), Holds: bool(holds),
	}
	if val := field(c, "value"); val != nil {
		check.Value, _ = ast.JSON(val)
	}
	return check
}

func stringList(v ast.Value) []string {
	a, ok := v.(*ast.Array)
	if !ok || a.Len() == 0 {
		return nil
	}
	out := make([]string, 0, a.Len())
	a.Foreach(func(t *ast.Term) { out = append(out, text(t.Value)) })
	return out
}

// Explaining returns the near misses that explain a decision: for an
// implicit deny, the Allow statements that missed (the resource, the
// principal or a condition); for an explicit deny, the Deny statements
// with conditions that applied (the values that made them hold); none for
// an allow or a request that could not be decided.
func Explaining(d Decision, near []NearMiss) []NearMiss {
	if len(d.Errors) > 0 {
		return nil
	}
	var out []NearMiss
	for _, n := range near {
		switch {
		case d.Decision == ImplicitDeny && n.Effect == EffectAllow && n.Missed != MissedNothing:
			out = append(out, n)
		case d.Decision == ExplicitDeny && n.Effect == EffectDeny && n.Missed == MissedNothing && len(n.Conditions) > 0:
			out = append(out, n)
		}
	}
	return out
}

// Details says, one line each, what the statement missed (or, when it
// applied, the conditions that held) for a request on resource.
func (n NearMiss) Details(resource string) []string {
	var out []string
	switch n.Missed {
	case MissedResource:
		if len(n.Resources) > 0 {
			out = append(out, fmt.Sprintf("its Resource %s does not match %s", strings.Join(n.Resources, ", "), resource))
		} else {
			out = append(out, fmt.Sprintf("its NotResource %s excludes %s", strings.Join(n.NotResources, ", "), resource))
		}
	case MissedPrincipal:
		out = append(out, "its Principal does not name the caller")
	}
	for _, c := range n.Conditions {
		if n.Missed == MissedNothing || !c.Holds {
			out = append(out, "condition "+c.String())
		}
	}
	return out
}
