package schema

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

var testAttrs = []string{
	"principal", "assume", "federated", "mfa", "session_name", "session_tags", "duration", "issued_at",
	"action", "resource", "context", "assume_context",
	"expect", "expect_statement", "expect_missing_context", "doc", "for_each",
}

// Expectations a test may state.
var Expectations = []string{"allow", "deny", "explicit_deny", "implicit_deny"}

func (l *loader) decodeTests() {
	if l.full == nil {
		l.full = l.evalContext(nil)
	}
	seen := map[string]hcl.Range{}
	for _, p := range l.tests {
		ctx := l.fileContext(l.full, p.file)
		body := p.block.Body
		forEach := body.Attributes["for_each"]
		if forEach == nil {
			l.decodeTest(p, l.testContent(p), p.name, ctx, seen, false)
			continue
		}
		v, ok := l.eval(forEach, ctx)
		if !ok {
			continue
		}
		rows, ok := l.forEachRows(forEach, v)
		if !ok {
			continue
		}
		if len(rows) == 0 {
			l.errorf(CodeInvalidTest, forEach.Expr.Range(), "Empty for_each", "test %q expands to no cases", p.name)
		}
		c := l.testContent(p)
		for _, row := range rows {
			child := ctx.NewChild()
			child.Variables = map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{
				"key": cty.StringVal(row.key), "value": row.value,
			})}
			l.decodeTest(p, c, p.name+"["+row.key+"]", child, seen, true)
		}
	}
}

type forEachRow struct {
	key   string
	value cty.Value
}

// forEachRows expands a for_each value: an object or map gives one row per
// key; a list gives one row per element, named by the element's name
// attribute when it has one and by its index otherwise.
func (l *loader) forEachRows(a *hclsyntax.Attribute, v cty.Value) ([]forEachRow, bool) {
	if v.IsNull() {
		l.errorf(CodeInvalidTest, a.Expr.Range(), "Invalid for_each", "for_each must be a list or an object, not null")
		return nil, false
	}
	ty := v.Type()
	var rows []forEachRow
	switch {
	case ty.IsObjectType() || ty.IsMapType():
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			rows = append(rows, forEachRow{key: k.AsString(), value: ev})
		}
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].key < rows[j].key })
	case ty.IsTupleType() || ty.IsListType() || ty.IsSetType():
		i := 0
		seen := map[string]bool{}
		for it := v.ElementIterator(); it.Next(); i++ {
			_, ev := it.Element()
			key := strconv.Itoa(i)
			if et := ev.Type(); (et.IsObjectType() && et.HasAttribute("name")) && !ev.IsNull() {
				if n := ev.GetAttr("name"); n.Type() == cty.String && !n.IsNull() {
					key = n.AsString()
				}
			}
			if seen[key] {
				l.errorf(CodeDuplicateDeclaration, a.Expr.Range(), "Duplicate for_each name", "two cases are named %q; names must be unique", key)
				return nil, false
			}
			seen[key] = true
			rows = append(rows, forEachRow{key: key, value: ev})
		}
	default:
		l.errorf(CodeInvalidTest, a.Expr.Range(), "Invalid for_each", "for_each must be a list or an object, not %s", typeName(ty))
		return nil, false
	}
	return rows, true
}

// testContent checks a test block's attributes and blocks once, for all the
// cases it expands to.
func (l *loader) testContent(p *pending) *bodyContent {
	return l.content(p.block.Body, fmt.Sprintf("test %q", p.name), testAttrs, []blockSpec{{Type: "session_policy", Max: 1}})
}

func (l *loader) decodeTest(p *pending, c *bodyContent, name string, ctx *hcl.EvalContext, seen map[string]hcl.Range, each bool) {
	var extra []string
	if each {
		extra = []string{"each"}
	}
	where := fmt.Sprintf("test %q", p.name)
	rng := p.block.LabelRanges[0]
	if first, dup := seen[name]; dup {
		l.errorf(CodeDuplicateDeclaration, rng, "Duplicate test", "a test named %q is already declared at %s", name, posString(first))
		return
	}
	seen[name] = rng
	t := &Test{Name: name, DeclRange: p.block.DefRange(), Context: map[string]any{}}
	ok := true
	need := func(attr string) *hclsyntax.Attribute {
		a := c.Attrs[attr]
		if a == nil {
			l.errorf(CodeMissingAttribute, p.block.DefRange(), "Missing "+attr, "%s needs %s = …", where, attr)
			ok = false
		}
		return a
	}
	if a := need("principal"); a != nil {
		t.Principal, ok = l.testPrincipal(a, ctx, extra)
	}
	if a := c.Attrs["assume"]; a != nil {
		t.Assume = l.testRoles(a, ctx, extra)
	}
	if a := c.Attrs["federated"]; a != nil {
		t.Federated, _ = l.evalBool(a, ctx, extra...)
		if t.Federated && c.Attrs["assume"] != nil {
			l.errorf(CodeInvalidTest, a.NameRange, "Federated and assume together", "a federated user session (GetFederationToken) is not a role session; remove assume or federated")
		}
	}
	if a := c.Attrs["session_tags"]; a != nil {
		t.SessionTags, _ = l.evalStringMap(a, ctx)
	}
	if a := c.Attrs["mfa"]; a != nil {
		t.MFA, _ = l.evalBool(a, ctx, extra...)
	}
	if a := c.Attrs["session_name"]; a != nil {
		if s, good := l.evalString(a, ctx, extra...); good {
			t.SessionName = s.Value
		}
	}
	if a := c.Attrs["duration"]; a != nil {
		t.Duration, _ = l.evalDuration(a, ctx, extra...)
	}
	if a := c.Attrs["issued_at"]; a != nil {
		if s, good := l.evalString(a, ctx, extra...); good {
			if _, err := time.Parse(time.RFC3339, s.Value); err != nil {
				l.errorf(CodeInvalidTest, s.Range, "Invalid issued_at", "issued_at is an RFC 3339 time like \"2026-11-26T08:00:00Z\", not %q", s.Value)
			}
			t.IssuedAt = s.Value
		}
	}
	if a := need("action"); a != nil {
		t.Action, _ = l.evalString(a, ctx, extra...)
	}
	if a := need("resource"); a != nil {
		t.Resource, _ = l.evalString(a, ctx, extra...)
	}
	if a := c.Attrs["context"]; a != nil {
		if v, good := l.evalJSON(a, ctx, extra...); good {
			m, isMap := v.(map[string]any)
			if !isMap {
				l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "context must be an object of condition keys, like { \"aws:SourceIp\" = \"203.0.113.9\" }")
			} else {
				t.Context = m
			}
		}
	}
	if a := c.Attrs["assume_context"]; a != nil {
		if v, good := l.evalJSON(a, ctx, extra...); good {
			m, isMap := v.(map[string]any)
			if !isMap {
				l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "assume_context must be an object of condition keys, like { \"sts:ExternalId\" = \"x\" }")
			} else {
				t.AssumeContext = m
			}
		}
		if len(t.Assume) == 0 && !t.Federated {
			l.errorf(CodeInvalidTest, a.NameRange, "Assume context without a session", "assume_context is the context of the AssumeRole call; add assume = role.<name>")
		}
	}
	if a := need("expect"); a != nil {
		if s, good := l.evalString(a, ctx, extra...); good {
			if !contains(Expectations, s.Value) {
				detail := fmt.Sprintf("expect is one of %s", quoteList(Expectations))
				if sug := nameSuggestion(s.Value, Expectations); sug != "" {
					detail = fmt.Sprintf("did you mean %q? %s", sug, detail)
				}
				l.errorf(CodeInvalidTest, s.Range, "Invalid expect", "%s", detail)
			}
			t.Expect = s
		}
	}
	if a := c.Attrs["expect_statement"]; a != nil {
		if s := l.statementRef(a, ctx, extra); s != nil {
			t.ExpectStatement = s
		}
	}
	if a := c.Attrs["expect_missing_context"]; a != nil {
		if v, good := l.evalStrings(a, ctx, false, extra...); good {
			t.HasExpectMissing = true
			t.ExpectMissingContext = []string{}
			for _, s := range v {
				t.ExpectMissingContext = append(t.ExpectMissingContext, s.Value)
			}
		}
	}
	if a := c.Attrs["doc"]; a != nil {
		if s, good := l.evalString(a, ctx, extra...); good {
			t.Doc = s.Value
		}
	}
	for _, b := range c.blocksOf("session_policy") {
		t.SessionPolicy = l.documentWith(b.Body, fmt.Sprintf("the session policy of test %q", p.name), ctx, "2012-10-17", documentAttrs, extra...)
	}
	if t.SessionPolicy != nil && len(t.Assume) == 0 && !t.Federated {
		l.errorf(CodeInvalidTest, p.block.DefRange(), "Session policy without a session", "%s passes a session_policy but makes no session; add assume = role.<name> or federated = true", where)
	}
	if !ok {
		return
	}
	l.proj.Tests = append(l.proj.Tests, t)
}

// testPrincipal decodes the principal of a test: user.x, account.x (its root
// user), an ARN, "anonymous" or a service principal name.
func (l *loader) testPrincipal(a *hclsyntax.Attribute, ctx *hcl.EvalContext, extra []string) (String, bool) {
	v, ok := l.eval(a, ctx, extra...)
	if !ok {
		return String{}, false
	}
	rng := a.Expr.Range()
	if v.Type() == cty.String && !v.IsNull() {
		return String{Value: v.AsString(), Range: rng}, true
	}
	if r, isRef := refFromValue(v, rng); isRef {
		switch r.Kind {
		case KindUser:
			return String{Value: v.GetAttr("arn").AsString(), Range: rng}, true
		case KindAccount:
			return String{Value: v.GetAttr("root").AsString(), Range: rng}, true
		case KindRole:
			l.errorf(CodeInvalidTest, rng, "A role is not a principal", "roles act through sessions: name who assumes it, like principal = user.<name> and assume = %s", r)
			return String{}, false
		}
		l.errorf(CodeInvalidPrincipalFormat, rng, "Invalid principal", "%s cannot make requests; a principal is a user, an account (its root user), an ARN, \"anonymous\" or a service principal", r)
		return String{}, false
	}
	l.errorf(CodeDataTypeMismatch, rng, "Wrong type", "principal must be user.<name>, account.<name> or a string, not %s", typeName(v.Type()))
	return String{}, false
}

// testRoles decodes assume: one role or a list of roles to assume in turn.
func (l *loader) testRoles(a *hclsyntax.Attribute, ctx *hcl.EvalContext, extra []string) []String {
	v, ok := l.eval(a, ctx, extra...)
	if !ok {
		return nil
	}
	rng := a.Expr.Range()
	one := func(ev cty.Value) (String, bool) {
		if ev.Type() == cty.String && !ev.IsNull() {
			return String{Value: ev.AsString(), Range: rng}, true
		}
		if r, isRef := refFromValue(ev, rng); isRef && r.Kind == KindRole {
			return String{Value: ev.GetAttr("arn").AsString(), Range: rng}, true
		}
		l.errorf(CodeDataTypeMismatch, rng, "Wrong type", "assume takes role.<name>, a role ARN, or a list of them to chain")
		return String{}, false
	}
	if v.IsNull() {
		return nil
	}
	if ty := v.Type(); ty.IsTupleType() || ty.IsListType() {
		var out []String
		for it := v.ElementIterator(); it.Next(); {
			_, ev := it.Element()
			if s, good := one(ev); good {
				out = append(out, s)
			}
		}
		return out
	}
	if s, good := one(v); good {
		return []String{s}
	}
	return nil
}

// statementRef decodes expect_statement: a traversal such as
// policy.register.statement.UseRegister (or statement[0] for a statement
// without a Sid), or the same as a string.
func (l *loader) statementRef(a *hclsyntax.Attribute, ctx *hcl.EvalContext, extra []string) *String {
	rng := a.Expr.Range()
	if t, diags := hcl.AbsTraversalForExpr(a.Expr); !diags.HasErrors() {
		var b strings.Builder
		for i, step := range t {
			switch s := step.(type) {
			case hcl.TraverseRoot:
				b.WriteString(s.Name)
			case hcl.TraverseAttr:
				b.WriteString("." + s.Name)
			case hcl.TraverseIndex:
				if s.Key.Type() == cty.Number {
					b.WriteString("[" + s.Key.AsBigFloat().Text('f', 0) + "]")
				} else if s.Key.Type() == cty.String {
					b.WriteString("." + s.Key.AsString())
				}
			}
			_ = i
		}
		if len(t) >= 2 {
			root := t.RootName()
			if !contains(kindNames(), root) {
				l.checkRefs(a.Expr, extra...)
				return nil
			}
			if attr, ok := t[1].(hcl.TraverseAttr); ok && l.lookup(Kind(root), attr.Name) == nil {
				l.checkRefs(&hclsyntax.ScopeTraversalExpr{Traversal: t[:2], SrcRange: rng})
				return nil
			}
		}
		return &String{Value: b.String(), Range: rng}
	}
	s, ok := l.evalString(a, ctx, extra...)
	if !ok {
		return nil
	}
	return &s
}
