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
	"action", "resource", "context", "assume_context", "time",
	"expect", "expect_statement", "expect_missing_context", "doc", "for_each",
}

// expectations a test may state.
var expectations = []string{"allow", "deny", "explicit_deny", "implicit_deny"}

func (l *loader) decodeTests() {
	if l.full == nil {
		l.full = l.evalContext(nil)
	}
	seen := map[string]hcl.Range{}
	for _, p := range l.tests {
		ctx := l.fileContext(l.full, p.file)
		forEach := p.block.Body.Attributes["for_each"]
		if forEach == nil {
			l.decodeTest(p, l.testContent(p), testRow{name: p.name, decl: p.block.DefRange(), ctx: ctx}, seen)
			continue
		}
		l.decodeTable(p, forEach, ctx, seen)
	}
}

// decodeTable decodes a test with for_each: one case per row, each declared
// at its element of the for_each expression. A mistake of the block itself
// (a missing attribute, an unknown reference) is the same in every row and
// is reported once.
func (l *loader) decodeTable(p *pending, forEach *hclsyntax.Attribute, ctx *hcl.EvalContext, seen map[string]hcl.Range) {
	v, ok := l.eval(forEach, ctx)
	if !ok {
		return
	}
	rows, ok := l.forEachRows(forEach, v, ctx)
	if !ok {
		return
	}
	if len(rows) == 0 {
		l.errorf(CodeInvalidTest, forEach.Expr.Range(), "Empty for_each", "test %q expands to no cases", p.name)
	}
	c := l.testContent(p)
	start := len(l.diags)
	for _, row := range rows {
		child := ctx.NewChild()
		child.Variables = map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{
			"key": cty.StringVal(row.key), "value": row.value,
		})}
		l.decodeTest(p, c, testRow{name: p.name + "[" + row.key + "]", decl: row.rng, ctx: child, each: true}, seen)
	}
	l.diags = append(l.diags[:start], uniqueDiagnostics(l.diags[start:])...)
}

// uniqueDiagnostics drops the repetitions of a diagnostic: same severity,
// summary, detail and subject.
func uniqueDiagnostics(diags hcl.Diagnostics) hcl.Diagnostics {
	type key struct {
		sev             hcl.DiagnosticSeverity
		summary, detail string
		subject         hcl.Range
	}
	seen := map[key]bool{}
	out := diags[:0]
	for _, d := range diags {
		k := key{sev: d.Severity, summary: d.Summary, detail: d.Detail}
		if d.Subject != nil {
			k.subject = *d.Subject
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

type forEachRow struct {
	key   string
	value cty.Value
	rng   hcl.Range // the row's element in the for_each expression
}

// forEachRows expands a for_each value: an object or map gives one row per
// key; a list gives one row per element, named by the element's name
// attribute when it has one and by its index otherwise. A row written out
// in the expression is at its element there; a row of a computed value, at
// the expression.
func (l *loader) forEachRows(a *hclsyntax.Attribute, v cty.Value, ctx *hcl.EvalContext) ([]forEachRow, bool) {
	if v.IsNull() {
		l.errorf(CodeInvalidTest, a.Expr.Range(), "Invalid for_each", "for_each must be a list or an object, not null")
		return nil, false
	}
	ty := v.Type()
	whole := a.Expr.Range()
	var rows []forEachRow
	switch {
	case ty.IsObjectType() || ty.IsMapType():
		at := objectItemRanges(a.Expr, ctx)
		for it := v.ElementIterator(); it.Next(); {
			k, ev := it.Element()
			rng, ok := at[k.AsString()]
			if !ok {
				rng = whole
			}
			rows = append(rows, forEachRow{key: k.AsString(), value: ev, rng: rng})
		}
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].key < rows[j].key })
	case ty.IsTupleType() || ty.IsListType() || ty.IsSetType():
		var elems []hclsyntax.Expression
		if tup, ok := a.Expr.(*hclsyntax.TupleConsExpr); ok && ty.IsTupleType() && len(tup.Exprs) == v.LengthInt() {
			elems = tup.Exprs
		}
		i := 0
		seen := map[string]bool{}
		for it := v.ElementIterator(); it.Next(); i++ {
			_, ev := it.Element()
			key := strconv.Itoa(i)
			if et := ev.Type(); (et.IsObjectType() && et.HasAttribute("name")) && !ev.IsNull() {
				attr := "name"
				if et.HasAttribute("kind") && et.HasAttribute("label") {
					attr = "label" // a block: its label, unique where IAM names are not
				}
				if n := ev.GetAttr(attr); n.Type() == cty.String && !n.IsNull() {
					key = n.AsString()
				}
			}
			if seen[key] {
				l.errorf(CodeDuplicateDeclaration, a.Expr.Range(), "Duplicate for_each name", "two cases are named %q; names must be unique", key)
				return nil, false
			}
			seen[key] = true
			rng := whole
			if elems != nil {
				rng = elems[i].Range()
			}
			rows = append(rows, forEachRow{key: key, value: ev, rng: rng})
		}
	default:
		l.errorf(CodeInvalidTest, a.Expr.Range(), "Invalid for_each", "for_each must be a list or an object, not %s", typeName(ty))
		return nil, false
	}
	return rows, true
}

// objectItemRanges maps the keys of an object written out in the source to
// the range of their items, key to value.
func objectItemRanges(e hclsyntax.Expression, ctx *hcl.EvalContext) map[string]hcl.Range {
	obj, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		return nil
	}
	out := map[string]hcl.Range{}
	for _, item := range obj.Items {
		k, diags := item.KeyExpr.Value(ctx)
		if diags.HasErrors() || k.IsNull() || !k.IsWhollyKnown() || k.Type() != cty.String {
			continue
		}
		out[k.AsString()] = hcl.RangeBetween(item.KeyExpr.Range(), item.ValueExpr.Range())
	}
	return out
}

// testContent checks a test block's attributes and blocks once, for all the
// cases it expands to.
func (l *loader) testContent(p *pending) *bodyContent {
	return l.content(p.block.Body, fmt.Sprintf("test %q", p.name), testAttrs, []blockSpec{{Type: "session_policy", Max: 1}})
}

// testRow is one case of a test: the test itself, or a row of its for_each
// table.
type testRow struct {
	name string
	decl hcl.Range // where the case is declared
	ctx  *hcl.EvalContext
	each bool // the row of a for_each table: each.key and each.value are set
}

// testDecoder decodes the attributes of one case of a test block.
type testDecoder struct {
	*loader
	p     *pending
	c     *bodyContent
	ctx   *hcl.EvalContext
	extra []string // each, in the row of a table
	where string   // test "name", for messages
	ok    bool     // false once a required attribute is missing or invalid
}

func (l *loader) decodeTest(p *pending, c *bodyContent, row testRow, seen map[string]hcl.Range) {
	rng := p.block.LabelRanges[0]
	if first, dup := seen[row.name]; dup {
		l.errorf(CodeDuplicateDeclaration, rng, "Duplicate test", "a test named %q is already declared at %s", row.name, posString(first))
		return
	}
	seen[row.name] = rng
	d := &testDecoder{loader: l, p: p, c: c, ctx: row.ctx, where: fmt.Sprintf("test %q", p.name), ok: true}
	if row.each {
		d.extra = []string{"each"}
	}
	t := &Test{Name: row.name, DeclRange: row.decl, Context: map[string]any{}}
	d.caller(t)
	d.request(t)
	d.expectations(t)
	if a := c.Attrs["doc"]; a != nil {
		if s, good := l.evalString(a, d.ctx, d.extra...); good {
			t.Doc = s.Value
		}
	}
	d.sessionPolicy(t)
	if d.ok {
		l.proj.Tests = append(l.proj.Tests, t)
	}
}

// need returns a required attribute, reporting it when it is missing.
func (d *testDecoder) need(attr string) *hclsyntax.Attribute {
	a := d.c.Attrs[attr]
	if a == nil {
		d.errorf(CodeMissingAttribute, d.p.block.DefRange(), "Missing "+attr, "%s needs %s = …", d.where, attr)
		d.ok = false
	}
	return a
}

// caller decodes who makes the request: the principal, and the session it
// makes first (assume or federated, with MFA, name, tags, duration and
// issued_at).
func (d *testDecoder) caller(t *Test) {
	c, ctx, extra := d.c, d.ctx, d.extra
	if a := d.need("principal"); a != nil {
		var good bool
		t.Principal, good = d.testPrincipal(a, ctx, extra)
		d.ok = d.ok && good
	}
	if a := c.Attrs["assume"]; a != nil {
		t.Assume = d.testRoles(a, ctx, extra)
	}
	if a := c.Attrs["federated"]; a != nil {
		t.Federated, _ = d.evalBool(a, ctx, extra...)
		if t.Federated && c.Attrs["assume"] != nil {
			d.errorf(CodeInvalidTest, a.NameRange, "Federated and assume together", "a federated user session (GetFederationToken) is not a role session; remove assume or federated")
		}
	}
	if a := c.Attrs["session_tags"]; a != nil {
		t.SessionTags, _ = d.evalStringMap(a, ctx, extra...)
	}
	if a := c.Attrs["mfa"]; a != nil {
		t.MFA, _ = d.evalBool(a, ctx, extra...)
		// Without a role to assume, mfa describes the user's own temporary
		// credentials (a console sign-in or GetSessionToken).
		t.UserSession = len(t.Assume) == 0 && !t.Federated
	}
	if a := c.Attrs["session_name"]; a != nil {
		if s, good := d.evalString(a, ctx, extra...); good {
			t.SessionName = s.Value
		}
	}
	if a := c.Attrs["duration"]; a != nil {
		t.Duration, _ = d.evalDuration(a, ctx, extra...)
	}
	if a := c.Attrs["issued_at"]; a != nil {
		if s, good := d.evalString(a, ctx, extra...); good {
			if _, err := time.Parse(time.RFC3339, s.Value); err != nil {
				d.errorf(CodeInvalidTest, s.Range, "Invalid issued_at", "issued_at is an RFC 3339 time like \"2026-11-26T08:00:00Z\", not %q", s.Value)
			}
			t.IssuedAt = s.Value
		}
	}
}

// request decodes the request the test makes: action, resource, its
// context and the context of the calls that make the session.
func (d *testDecoder) request(t *Test) {
	c, ctx, extra := d.c, d.ctx, d.extra
	if a := c.Attrs["time"]; a != nil {
		if s, good := d.evalString(a, ctx, extra...); good {
			if _, err := time.Parse(time.RFC3339, s.Value); err != nil {
				d.errorf(CodeInvalidTest, s.Range, "Invalid time", "time is an RFC 3339 time like \"2026-11-26T08:00:00Z\", not %q", s.Value)
			}
			t.Time = s.Value
		}
	}
	if a := d.need("action"); a != nil {
		t.Action, _ = d.evalString(a, ctx, extra...)
	}
	if a := d.need("resource"); a != nil {
		t.Resource, _ = d.evalString(a, ctx, extra...)
	}
	if a := c.Attrs["context"]; a != nil {
		if m, good := d.contextObject(a, `context must be an object of condition keys, like { "aws:SourceIp" = "203.0.113.9" }`); good {
			t.Context = m
			d.reservedTestKeys(a, m)
		}
	}
	if a := c.Attrs["assume_context"]; a != nil {
		if m, good := d.contextObject(a, `assume_context must be an object of condition keys, like { "sts:ExternalId" = "x" }`); good {
			t.AssumeContext = m
			d.reservedTestKeys(a, m)
		}
		if len(t.Assume) == 0 && !t.Federated {
			d.errorf(CodeInvalidTest, a.NameRange, "Assume context without a session", "assume_context is the context of the AssumeRole call; add assume = role.<name>")
		}
	}
}

// contextObject evaluates an object of condition keys; wrong is the detail
// of the diagnostic for any other value.
func (d *testDecoder) contextObject(a *hclsyntax.Attribute, wrong string) (map[string]any, bool) {
	v, good := d.evalJSON(a, d.ctx, d.extra...)
	if !good {
		return nil, false
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		d.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "%s", wrong)
		return nil, false
	}
	return m, true
}

// expectations decodes what the test expects: the decision, the deciding
// statement and the missing context keys.
func (d *testDecoder) expectations(t *Test) {
	c, ctx, extra := d.c, d.ctx, d.extra
	if a := d.need("expect"); a != nil {
		if s, good := d.evalString(a, ctx, extra...); good {
			if !contains(expectations, s.Value) {
				detail := fmt.Sprintf("expect is one of %s", quoteList(expectations))
				if sug := nameSuggestion(s.Value, expectations); sug != "" {
					detail = fmt.Sprintf("did you mean %q? %s", sug, detail)
				}
				d.errorf(CodeInvalidTest, s.Range, "Invalid expect", "%s", detail)
			}
			t.Expect = s
		}
	}
	if a := c.Attrs["expect_statement"]; a != nil {
		if s := d.statementRef(a, ctx, extra); s != nil {
			t.ExpectStatement = s
		}
	}
	if a := c.Attrs["expect_missing_context"]; a != nil {
		if v, good := d.evalStrings(a, ctx, false, extra...); good {
			t.HasExpectMissing = true
			t.ExpectMissingContext = []string{}
			for _, s := range v {
				t.ExpectMissingContext = append(t.ExpectMissingContext, s.Value)
			}
		}
	}
}

// sessionPolicy decodes the session policy the test passes, which needs a
// session to apply to.
func (d *testDecoder) sessionPolicy(t *Test) {
	for _, b := range d.c.blocksOf("session_policy") {
		t.SessionPolicy = d.documentWith(b.Body, fmt.Sprintf("the session policy of test %q", d.p.name), d.ctx, "2012-10-17", documentAttrs, d.extra...)
	}
	if t.SessionPolicy != nil && len(t.Assume) == 0 && !t.Federated {
		d.errorf(CodeInvalidTest, d.p.block.DefRange(), "Session policy without a session", "%s passes a session_policy but makes no session; add assume = role.<name> or federated = true", d.where)
	}
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
			// A user whose account is unknown has no ARN; that is
			// reported where the user is declared.
			return attrString(v, "arn", rng)
		case KindAccount:
			return attrString(v, "root", rng)
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

// attrString is a string attribute of a block's object, false when it is
// null (an ARN of a block whose account is unknown).
func attrString(v cty.Value, name string, rng hcl.Range) (String, bool) {
	a := v.GetAttr(name)
	if a.IsNull() || !a.IsKnown() {
		return String{}, false
	}
	return String{Value: a.AsString(), Range: rng}, true
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
			return attrString(ev, "arn", rng)
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
			if root == string(KindAWSPolicy) {
				return l.awsStatementRef(t, &String{Value: b.String(), Range: rng})
			}
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

// reservedTestKeys reports the context keys that AWS sets from its clock and
// from the caller's credentials, which a test states with its own
// attributes: the request's time with time, MFA with mfa (and issued_at).
func (d *testDecoder) reservedTestKeys(a *hclsyntax.Attribute, ctx map[string]any) {
	keys := make([]string, 0, len(ctx))
	for k := range ctx {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch lk := strings.ToLower(k); {
		case lk == "aws:currenttime" || lk == "aws:epochtime":
			d.errorf(CodeInvalidTest, a.Expr.Range(), "Reserved context key", "%s is the time of the request, which AWS sets from its clock: give the test time = \"…\" instead", k)
		case strings.HasPrefix(lk, "aws:multifactorauth"):
			d.errorf(CodeInvalidTest, a.Expr.Range(), "Reserved context key", "%s comes from the caller's credentials: give the test mfa = true (temporary credentials that used MFA; issued_at sets when) instead", k)
		}
	}
}
