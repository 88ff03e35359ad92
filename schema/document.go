package schema

import (
	"fmt"
	"path"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func (l *loader) document(body *hclsyntax.Body, where string, ctx *hcl.EvalContext, version string) *Document {
	return l.documentWith(body, where, ctx, version, documentAttrs)
}

// documentWith decodes a body holding a policy: statement blocks, or a
// document attribute with AWS JSON text (usually file("x.json")).
func (l *loader) documentWith(body *hclsyntax.Body, where string, ctx *hcl.EvalContext, version string, attrs []string, extra ...string) *Document {
	c := l.content(body, where, attrs, []blockSpec{statementBlock})
	if a := c.Attrs["document"]; a != nil {
		for _, b := range c.blocksOf("statement") {
			l.errorf(CodeInvalidPolicyElement, b.TypeRange, "Statements beside a document", "%s takes either document = … or statement blocks, not both", where)
		}
		for _, n := range []string{"version", "id"} {
			if v := c.Attrs[n]; v != nil {
				l.errorf(CodeInvalidPolicyElement, v.NameRange, "Attribute beside a document", "%s comes from the JSON document; remove it here", n)
			}
		}
		return l.jsonDocument(a, ctx, extra...)
	}
	doc := &Document{Version: version, Statements: []*Statement{}, Range: body.SrcRange}
	if a := c.Attrs["version"]; a != nil {
		if s, ok := l.evalString(a, ctx, extra...); ok {
			// The Version element: "2012-10-17" or "2008-10-17"
			// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).
			if s.Value != "2012-10-17" && s.Value != "2008-10-17" {
				l.errorf(CodeInvalidVersion, s.Range, "Invalid policy version", "version must be \"2012-10-17\" (the default) or \"2008-10-17\", not %q", s.Value)
			}
			doc.Version = s.Value
		}
	}
	if a := c.Attrs["id"]; a != nil {
		if s, ok := l.evalString(a, ctx, extra...); ok {
			doc.ID = s.Value
		}
	}
	blocks := c.blocksOf("statement")
	if len(blocks) == 0 {
		l.errorf(CodeMissingStatement, body.SrcRange, "Empty policy", "%s has no statement blocks and no document", where)
	}
	if e := statementsError(len(blocks), body.SrcRange); e != nil {
		l.diags = append(l.diags, e)
		return doc
	}
	for _, b := range blocks {
		if s := l.statement(b, ctx, extra...); s != nil {
			doc.Statements = append(doc.Statements, s)
		}
	}
	return doc
}

// jsonDocument evaluates a document attribute and parses the AWS JSON it
// holds. When it is file("x.json"), diagnostics point into x.json; otherwise
// they point at the attribute and say where in the text the mistake is.
func (l *loader) jsonDocument(a *hclsyntax.Attribute, ctx *hcl.EvalContext, extra ...string) *Document {
	s, ok := l.evalString(a, ctx, extra...)
	if !ok {
		return nil
	}
	name := a.SrcRange.Filename
	inFile := false
	if call, isCall := a.Expr.(*hclsyntax.FunctionCallExpr); isCall && call.Name == "file" && len(call.Args) == 1 {
		if v, diags := call.Args[0].Value(nil); !diags.HasErrors() && v.Type().FriendlyName() == "string" && !v.IsNull() {
			name = path.Clean(path.Join(path.Dir(a.SrcRange.Filename), v.AsString()))
			inFile = true
		}
	}
	doc, diags := ParsePolicyJSON(name, []byte(s.Value))
	if !inFile {
		for _, d := range diags {
			if d.Subject != nil {
				d.Detail = fmt.Sprintf("%s (line %d, column %d of the document)", d.Detail, d.Subject.Start.Line, d.Subject.Start.Column)
			}
			d.Subject = a.Expr.Range().Ptr()
		}
		if doc != nil {
			remapDocument(doc, a.Expr.Range())
		}
	}
	l.diags = append(l.diags, diags...)
	return doc
}

// remapDocument points every range of a document parsed from a string at the
// expression that produced the string.
func remapDocument(doc *Document, rng hcl.Range) {
	doc.Range = rng
	fix := func(ss []String) {
		for i := range ss {
			ss[i].Range = rng
		}
	}
	for _, st := range doc.Statements {
		st.Range = rng
		fix(st.Actions)
		fix(st.NotActions)
		fix(st.Resources)
		fix(st.NotResources)
		for i := range st.Principals {
			st.Principals[i].Range = rng
			fix(st.Principals[i].Identifiers)
		}
		for i := range st.NotPrincipals {
			st.NotPrincipals[i].Range = rng
			fix(st.NotPrincipals[i].Identifiers)
		}
		for i := range st.Conditions {
			c := &st.Conditions[i]
			c.Range, c.Operator.Range, c.Key.Range = rng, rng, rng
			fix(c.Values)
		}
	}
}

// principalBlock decodes a principals or not_principals block of a
// statement.
func (l *loader) principalBlock(pb *hclsyntax.Block, ctx *hcl.EvalContext, extra []string) Principal {
	pc := l.content(pb.Body, "a "+pb.Type+" block", principalsAttrs, nil)
	p := Principal{Range: pb.DefRange(), Identifiers: []String{}}
	if a := pc.Attrs["type"]; a != nil {
		if v, ok := l.evalString(a, ctx, extra...); ok {
			p.Type = v.Value
			if v.Value != "*" && !contains(principalTypes, v.Value) {
				detail := fmt.Sprintf("principal types are %s, or \"*\" for everyone", quoteList(principalTypes))
				if sug := nameSuggestion(v.Value, principalTypes); sug != "" {
					detail = fmt.Sprintf("did you mean %q? %s", sug, detail)
				}
				l.errorf(CodeInvalidPrincipalFormat, v.Range, "Unknown principal type", "%s", detail)
			}
		}
	} else {
		l.errorf(CodeInvalidPrincipalFormat, pb.DefRange(), "Missing principal type", "%s needs type = \"AWS\", \"Service\", \"Federated\", \"CanonicalUser\" or \"*\"", pb.Type)
	}
	if a := pc.Attrs["identifiers"]; a != nil {
		if v, _ := l.evalStrings(a, ctx, false, extra...); v != nil {
			p.Identifiers = v
		}
	} else {
		l.errorf(CodeInvalidPrincipalFormat, pb.DefRange(), "Missing identifiers", "%s needs identifiers = [\"…\"]", pb.Type)
	}
	return p
}

// conditionBlock decodes a condition block of a statement; ok is false when
// it lacks its test, variable or values.
func (l *loader) conditionBlock(pb *hclsyntax.Block, ctx *hcl.EvalContext, extra []string) (Condition, bool) {
	cc := l.content(pb.Body, "a condition block", conditionAttrs, nil)
	cond := Condition{Range: pb.DefRange(), Values: []String{}}
	missing := []string{}
	if a := cc.Attrs["test"]; a != nil {
		cond.Operator, _ = l.evalString(a, ctx, extra...)
	} else {
		missing = append(missing, "test")
	}
	if a := cc.Attrs["variable"]; a != nil {
		cond.Key, _ = l.evalString(a, ctx, extra...)
	} else {
		missing = append(missing, "variable")
	}
	valuesOK := true
	if a := cc.Attrs["values"]; a != nil {
		var v []String
		if v, valuesOK = l.evalStrings(a, ctx, true, extra...); v != nil {
			cond.Values = v
		}
	} else {
		missing = append(missing, "values")
	}
	if len(missing) > 0 {
		l.errorf(CodeInvalidCondition, pb.DefRange(), "Incomplete condition", "a condition needs test, variable and values; missing %s", quoteList(missing))
		return cond, false
	}
	if !valuesOK && len(cond.Values) == 0 {
		return cond, false // its values are reported
	}
	return cond, true
}

func (l *loader) statement(b *hclsyntax.Block, ctx *hcl.EvalContext, extra ...string) *Statement {
	c := l.content(b.Body, "a statement", statementAttrs, []blockSpec{
		{Type: "principals"}, {Type: "not_principals"}, {Type: "condition"},
	})
	s := &Statement{Effect: Allow, Range: b.DefRange()}
	if len(b.Labels) == 1 {
		s.Sid = b.Labels[0]
		if a := c.Attrs["sid"]; a != nil {
			l.errorf(CodeInvalidPolicyElement, a.NameRange, "Sid given twice", "the statement's label is its Sid; remove sid = …")
		}
	} else if a := c.Attrs["sid"]; a != nil {
		if v, ok := l.evalString(a, ctx, extra...); ok {
			s.Sid = v.Value
		}
	}
	if a := c.Attrs["effect"]; a != nil {
		if v, ok := l.evalString(a, ctx, extra...); ok {
			// The grammar: <effect_block> = "Effect" : ("Allow" | "Deny").
			if v.Value != "Allow" && v.Value != "Deny" {
				l.errorf(CodeInvalidEffect, v.Range, "Invalid effect", "effect must be exactly \"Allow\" or \"Deny\" (case-sensitive), not %q", v.Value)
			}
			s.Effect = Effect(v.Value)
		}
	}
	list := func(name string) []String {
		a := c.Attrs[name]
		if a == nil {
			return nil
		}
		v, _ := l.evalStrings(a, ctx, false, extra...)
		if v == nil {
			v = []String{}
		}
		if len(v) == 0 {
			if tup, ok := a.Expr.(*hclsyntax.TupleConsExpr); ok && len(tup.Exprs) == 0 {
				l.errorf(CodeInvalidAttributeValue, a.Expr.Range(), "Empty list", "%s must list at least one value", name)
			}
		}
		return v
	}
	s.Actions = list("actions")
	s.NotActions = list("not_actions")
	s.Resources = list("resources")
	s.NotResources = list("not_resources")
	for _, pb := range c.Blocks {
		switch pb.Type {
		case "principals":
			if s.Principals == nil {
				s.Principals = []Principal{}
			}
			s.Principals = append(s.Principals, l.principalBlock(pb, ctx, extra))
		case "not_principals":
			if s.NotPrincipals == nil {
				s.NotPrincipals = []Principal{}
			}
			s.NotPrincipals = append(s.NotPrincipals, l.principalBlock(pb, ctx, extra))
		case "condition":
			cond, ok := l.conditionBlock(pb, ctx, extra)
			if !ok {
				continue
			}
			if first := sameConditionKey(s.Conditions, cond); first != nil {
				l.errorf(CodeInvalidCondition, cond.Key.Range, "Duplicate condition key", "%q is the key %q of the %s condition at line %d, spelled differently (condition key names are case-insensitive); use one spelling", cond.Key.Value, first.Key.Value, cond.Operator.Value, first.Range.Start.Line)
				continue
			}
			s.Conditions = append(s.Conditions, cond)
		}
	}
	return s
}

// sameConditionKey returns the condition of conds with c's operator whose
// key is c's spelled differently (condition key names are case-insensitive,
// docs/semantics.md §5.1), or nil.
func sameConditionKey(conds []Condition, c Condition) *Condition {
	for i := range conds {
		o := &conds[i]
		if o.Operator.Value == c.Operator.Value && o.Key.Value != c.Key.Value && strings.EqualFold(o.Key.Value, c.Key.Value) {
			return o
		}
	}
	return nil
}
