package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// checkRefs reports every reference in expr to a block that does not exist,
// with a suggestion, before the expression is evaluated. It returns false when
// the expression must not be evaluated. extra names variables that are
// allowed besides the block kinds (each, in tests).
func (l *loader) checkRefs(expr hcl.Expression, extra ...string) bool {
	ok := true
	for _, t := range expr.Variables() {
		root := t.RootName()
		if contains(extra, root) {
			continue
		}
		if !contains(kindNames(), root) {
			detail := fmt.Sprintf("references name a block: %s", strings.Join(kindNames(), ", "))
			if s := nameSuggestion(root, append(kindNames(), extra...)); s != "" {
				detail = fmt.Sprintf("did you mean %q? %s", s, detail)
			}
			l.errorf(CodeInvalidReference, t.SourceRange(), "Unknown reference", "there is no %q here; %s", root, detail)
			ok = false
			continue
		}
		if len(t) < 2 {
			l.errorf(CodeInvalidReference, t.SourceRange(), "Incomplete reference", "name the %s: %s.<name>", root, root)
			ok = false
			continue
		}
		attr, isAttr := t[1].(hcl.TraverseAttr)
		if !isAttr {
			l.errorf(CodeInvalidReference, t.SourceRange(), "Invalid reference", "write %s.<name>", root)
			ok = false
			continue
		}
		if l.lookup(Kind(root), attr.Name) == nil {
			kind := Kind(root)
			detail := ""
			if s := nameSuggestion(attr.Name, l.names(kind)); s != "" {
				detail = fmt.Sprintf("did you mean %q?", s)
			} else if n := len(l.names(kind)); n == 0 {
				detail = fmt.Sprintf("the project declares no %s", kind)
			} else {
				detail = fmt.Sprintf("the project declares %d %s blocks", n, kind)
			}
			rng := hcl.RangeBetween(t[0].SourceRange(), t[1].SourceRange())
			l.errorf(CodeInvalidReference, rng, "Unknown reference", "no %s named %q; %s", kind, attr.Name, detail)
			ok = false
		}
	}
	return ok
}

// eval evaluates an attribute after checking its references. ok is false
// when it could not be evaluated (the reason is in l.diags).
func (l *loader) eval(a *hclsyntax.Attribute, ctx *hcl.EvalContext, extra ...string) (cty.Value, bool) {
	if !l.checkRefs(a.Expr, extra...) {
		return cty.NilVal, false
	}
	l.wrapFor(a.Expr)
	v, diags := a.Expr.Value(ctx)
	budgetDiagnostics(diags)
	l.diags = append(l.diags, Coded(CodeInvalidHCL, diags)...)
	if diags.HasErrors() {
		return cty.NilVal, false
	}
	if !v.IsWhollyKnown() {
		l.errorf(CodeInvalidReference, a.Expr.Range(), "Unknown value", "the value of %s cannot be computed", a.Name)
		return cty.NilVal, false
	}
	return v, true
}

func typeName(t cty.Type) string {
	switch {
	case t == cty.String:
		return "a string"
	case t == cty.Number:
		return "a number"
	case t == cty.Bool:
		return "a boolean"
	case t.IsObjectType() || t.IsMapType():
		return "an object"
	case t.IsTupleType() || t.IsListType() || t.IsSetType():
		return "a list"
	}
	return t.FriendlyName()
}

// evalString evaluates a string attribute. Numbers and booleans are not
// strings: a mistyped value is reported.
func (l *loader) evalString(a *hclsyntax.Attribute, ctx *hcl.EvalContext, extra ...string) (String, bool) {
	v, ok := l.eval(a, ctx, extra...)
	if !ok {
		return String{}, false
	}
	if v.IsNull() {
		l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Invalid value", "%s must be a string, not null", a.Name)
		return String{}, false
	}
	if v.Type() != cty.String {
		l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "%s must be a string, not %s", a.Name, typeName(v.Type()))
		return String{}, false
	}
	return String{Value: v.AsString(), Range: a.Expr.Range()}, true
}

// evalStrings evaluates a list of strings. When the expression is a literal
// list each element keeps its own range. Numbers and booleans are accepted and
// converted when scalars is true (condition values).
func (l *loader) evalStrings(a *hclsyntax.Attribute, ctx *hcl.EvalContext, scalars bool, extra ...string) ([]String, bool) {
	v, ok := l.eval(a, ctx, extra...)
	if !ok {
		return nil, false
	}
	if v.IsNull() {
		l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Invalid value", "%s must be a list of strings, not null", a.Name)
		return nil, false
	}
	ty := v.Type()
	if !(ty.IsTupleType() || ty.IsListType() || ty.IsSetType()) {
		if ty == cty.String {
			l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "%s must be a list of strings; write [%s]", a.Name, hclQuote(v.AsString()))
		} else {
			l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "%s must be a list of strings, not %s", a.Name, typeName(ty))
		}
		return nil, false
	}
	var elemRanges []hcl.Range
	if tup, isTup := a.Expr.(*hclsyntax.TupleConsExpr); isTup && len(tup.Exprs) == v.LengthInt() {
		for _, e := range tup.Exprs {
			elemRanges = append(elemRanges, e.Range())
		}
	}
	out := []String{}
	i := 0
	ok = true
	for it := v.ElementIterator(); it.Next(); i++ {
		_, ev := it.Element()
		rng := a.Expr.Range()
		if elemRanges != nil {
			rng = elemRanges[i]
		}
		if !numberInRange(ev) {
			l.errorf(CodeDataTypeMismatch, rng, "Number out of range", "%s cannot be represented as a 64-bit floating-point number (about ±1.8e308, down to 2.2e-308)", ev.AsBigFloat().Text('g', 10))
			ok = false
			continue
		}
		s, good := scalarString(ev, scalars)
		if !good {
			l.errorf(CodeDataTypeMismatch, rng, "Wrong type", "the elements of %s must be strings, not %s", a.Name, typeName(ev.Type()))
			ok = false
			continue
		}
		out = append(out, String{Value: s, Range: rng})
	}
	return out, ok
}

// numberInRange reports whether v, when it is a known number, can be
// represented as a 64-bit float: written out, a number like 1e999999999
// would be a billion digits, and no evaluator compares it as written.
func numberInRange(v cty.Value) bool {
	if v.Type() != cty.Number || v.IsNull() || !v.IsKnown() {
		return true
	}
	bf := v.AsBigFloat()
	if bf.IsInf() {
		return false
	}
	f, _ := bf.Float64()
	return !math.IsInf(f, 0) && (f != 0 || bf.Sign() == 0)
}

func scalarString(v cty.Value, scalars bool) (string, bool) {
	if v.IsNull() || !v.IsKnown() {
		return "", false
	}
	switch v.Type() {
	case cty.String:
		return v.AsString(), true
	case cty.Number:
		if scalars {
			return v.AsBigFloat().Text('f', -1), true
		}
	case cty.Bool:
		if scalars {
			if v.True() {
				return "true", true
			}
			return "false", true
		}
	}
	return "", false
}

func hclQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func (l *loader) evalBool(a *hclsyntax.Attribute, ctx *hcl.EvalContext, extra ...string) (bool, bool) {
	v, ok := l.eval(a, ctx, extra...)
	if !ok {
		return false, false
	}
	if v.IsNull() || v.Type() != cty.Bool {
		l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "%s must be true or false, not %s", a.Name, typeName(v.Type()))
		return false, false
	}
	return v.True(), true
}

// evalDuration accepts a Go duration string ("1h", "90m") or a number of
// seconds.
func (l *loader) evalDuration(a *hclsyntax.Attribute, ctx *hcl.EvalContext, extra ...string) (time.Duration, bool) {
	v, ok := l.eval(a, ctx, extra...)
	if !ok {
		return 0, false
	}
	switch {
	case v.IsNull():
	case v.Type() == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		if f < 0 || f > 1e9 {
			l.errorf(CodeInvalidAttributeValue, a.Expr.Range(), "Invalid duration", "%s is out of range", a.Name)
			return 0, false
		}
		return time.Duration(f * float64(time.Second)), true
	case v.Type() == cty.String:
		d, err := time.ParseDuration(v.AsString())
		if err != nil || d < 0 {
			l.errorf(CodeInvalidAttributeValue, a.Expr.Range(), "Invalid duration", "%s takes a duration like \"1h\", \"90m\" or \"3600s\", not %q", a.Name, v.AsString())
			return 0, false
		}
		return d, true
	}
	l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "%s must be a duration like \"1h\", not %s", a.Name, typeName(v.Type()))
	return 0, false
}

// evalStringMap evaluates an object of strings (tags).
func (l *loader) evalStringMap(a *hclsyntax.Attribute, ctx *hcl.EvalContext, extra ...string) (map[string]string, bool) {
	v, ok := l.eval(a, ctx, extra...)
	if !ok {
		return nil, false
	}
	if v.IsNull() || !(v.Type().IsObjectType() || v.Type().IsMapType()) {
		l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "%s must be an object of strings, like { team = \"counter\" }", a.Name)
		return nil, false
	}
	out := map[string]string{}
	for it := v.ElementIterator(); it.Next(); {
		k, ev := it.Element()
		if !numberInRange(ev) {
			l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Number out of range", "the value of %s[%q], %s, cannot be represented as a 64-bit floating-point number", a.Name, k.AsString(), ev.AsBigFloat().Text('g', 10))
			ok = false
			continue
		}
		s, good := scalarString(ev, true)
		if !good {
			l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "the value of %s[%q] must be a string", a.Name, k.AsString())
			ok = false
			continue
		}
		out[k.AsString()] = s
	}
	return out, ok
}

// evalJSON evaluates an attribute to a plain Go value (strings, json.Number,
// bools, []any, map[string]any), as it will appear in a decision input.
func (l *loader) evalJSON(a *hclsyntax.Attribute, ctx *hcl.EvalContext, extra ...string) (any, bool) {
	v, ok := l.eval(a, ctx, extra...)
	if !ok {
		return nil, false
	}
	return ctyToJSON(v)
}

func ctyToJSON(v cty.Value) (any, bool) {
	b, err := ctyjson.Marshal(v, v.Type())
	if err != nil {
		return nil, false
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, false
	}
	return out, true
}

// ref decodes an attribute holding one reference of the allowed kinds.
func (l *loader) ref(a *hclsyntax.Attribute, ctx *hcl.EvalContext, kinds ...Kind) *Ref {
	if r, static := l.staticRef(a.Expr, kinds); static {
		return r
	}
	v, ok := l.eval(a, ctx)
	if !ok {
		return nil
	}
	r, good := refFromValue(v, a.Expr.Range())
	if !good || !kindAllowed(r.Kind, kinds) {
		l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "%s must be a reference to %s", a.Name, kindList(kinds))
		return nil
	}
	return &r
}

// refs decodes a list of references. nil means the attribute was absent; an
// empty, non-nil slice means an empty list.
func (l *loader) refs(a *hclsyntax.Attribute, ctx *hcl.EvalContext, kinds ...Kind) []Ref {
	out := []Ref{}
	if tup, ok := a.Expr.(*hclsyntax.TupleConsExpr); ok {
		allStatic := true
		for _, e := range tup.Exprs {
			if _, static := l.staticRefNoReport(e, kinds); !static {
				allStatic = false
			}
		}
		if allStatic {
			seen := map[string]hcl.Range{}
			for _, e := range tup.Exprs {
				if r, _ := l.staticRef(e, kinds); r != nil {
					if first, dup := seen[r.String()]; dup {
						l.errorf(CodeInvalidReference, r.Range, "Duplicate reference", "%s is already listed at %s", r, posString(first))
						continue
					}
					seen[r.String()] = r.Range
					out = append(out, *r)
				}
			}
			return out
		}
	}
	v, ok := l.eval(a, ctx)
	if !ok {
		return out
	}
	if v.IsNull() || !(v.Type().IsTupleType() || v.Type().IsListType() || v.Type().IsSetType()) {
		l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "%s must be a list of references to %s, like [%s.example]", a.Name, kindList(kinds), kinds[0])
		return out
	}
	for it := v.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		r, good := refFromValue(ev, a.Expr.Range())
		if !good || !kindAllowed(r.Kind, kinds) {
			l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "the elements of %s must be references to %s", a.Name, kindList(kinds))
			continue
		}
		out = append(out, r)
	}
	return out
}

func (l *loader) staticRefNoReport(e hcl.Expression, kinds []Kind) (*Ref, bool) {
	t, diags := hcl.AbsTraversalForExpr(e)
	if diags.HasErrors() || len(t) != 2 {
		return nil, false
	}
	attr, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		return nil, false
	}
	return &Ref{Kind: Kind(t.RootName()), Name: attr.Name, Range: t.SourceRange()}, true
}

// staticRef decodes a bare reference like policy.register without evaluating
// it, so that each element of a list keeps its range. static is false when
// the expression is not a bare reference (the caller then evaluates it).
func (l *loader) staticRef(e hcl.Expression, kinds []Kind) (*Ref, bool) {
	r, static := l.staticRefNoReport(e, kinds)
	if !static {
		return nil, false
	}
	if !contains(kindNames(), string(r.Kind)) {
		l.checkRefs(e)
		return nil, true
	}
	if !kindAllowed(r.Kind, kinds) {
		l.errorf(CodeInvalidReference, r.Range, "Wrong kind of reference", "%s is a %s; this takes %s", r, r.Kind, kindList(kinds))
		return nil, true
	}
	if !l.checkRefs(e) {
		return nil, true
	}
	return r, true
}

func refFromValue(v cty.Value, rng hcl.Range) (Ref, bool) {
	if v.IsNull() || !v.Type().IsObjectType() || !v.Type().HasAttribute("kind") || !v.Type().HasAttribute("label") {
		return Ref{}, false
	}
	k, n := v.GetAttr("kind"), v.GetAttr("label")
	if k.Type() != cty.String || n.Type() != cty.String {
		return Ref{}, false
	}
	return Ref{Kind: Kind(k.AsString()), Name: n.AsString(), Range: rng}, true
}

func kindAllowed(k Kind, kinds []Kind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

func kindList(kinds []Kind) string {
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = "a " + string(k)
	}
	return strings.Join(parts, " or ")
}
