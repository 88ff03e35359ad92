package schema

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/internal/jsontree"
)

// The refusals here are those of the grammar of the IAM JSON policy language
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html):
// only its elements (Version, Id, Statement; Sid, Effect, Principal,
// NotPrincipal, Action, NotAction, Resource, NotResource, Condition), each of
// the type it gives, Effect "Allow" or "Deny", Version "2012-10-17" or
// "2008-10-17", a Statement and an Effect in each statement, the principal
// keys AWS, Federated, Service and CanonicalUser. "The policy engine does not
// allow you to save any policy with syntax errors" (Troubleshoot IAM
// policies, https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_policies.html).
// docs/language.md lists each with its source.

// ParsePolicyJSON parses a plain AWS JSON policy document. file names the
// document in the ranges of the result and of the diagnostics. Structural
// mistakes (unknown keys, wrong value types, a bad Version or Effect) are
// reported here; rules that depend on where the policy is used are checked by
// the compiler.
func ParsePolicyJSON(file string, src []byte) (*Document, hcl.Diagnostics) {
	root, serr := jsontree.Parse(src, jsonOptions)
	if serr != nil {
		return nil, hcl.Diagnostics{jsonSyntaxDiagnostic(file, serr)}
	}
	d := &jsonDecoder{file: file}
	doc := d.document(root)
	if doc != nil {
		if e := statementsError(len(doc.Statements), doc.Range); e != nil {
			d.diags = append(d.diags, e)
		}
	}
	if doc != nil {
		doc.JSON = true
		doc.Size = utf8.RuneCount(src)
		for _, r := range string(src) {
			if !unicode.IsSpace(r) {
				doc.NonSpace++
			}
		}
	}
	return doc, d.diags
}

// maxJSONDepth bounds the nesting of a JSON policy document. Real policies
// nest four levels deep (Statement, Condition, operator, key).
const maxJSONDepth = 32

// jsonOptions read a policy document: numbers are compared as 64-bit
// floats, so one out of their range is refused where it is written.
var jsonOptions = jsontree.Options{MaxDepth: maxJSONDepth, Float64: true}

// jsonFoundDetails word the mistakes of JSON syntax that name what was
// found where something else was expected.
var jsonFoundDetails = map[jsontree.ErrorCode]string{
	jsontree.ErrValue:     "expected a value, found %s",
	jsontree.ErrKey:       "expected a quoted object key, found %s",
	jsontree.ErrColon:     "expected ':' after the object key, found %s",
	jsontree.ErrObjectEnd: "expected ',' or '}' in object, found %s",
	jsontree.ErrArrayEnd:  "expected ',' or ']' in array, found %s",
	jsontree.ErrTrailing:  "unexpected %s after the end of the document",
}

// jsonSyntaxDiagnostic reports a mistake in the JSON text of a policy
// document at its line and column. A key given twice is refused: the
// grammar says "Individual elements must not contain multiple instances of
// the same key", and IAM "does not allow such errors in new or edited
// policies" (Troubleshoot IAM policies).
func jsonSyntaxDiagnostic(file string, e *jsontree.SyntaxError) *hcl.Diagnostic {
	at := hcl.Pos(e.Pos)
	end := at
	end.Column++
	end.Byte++
	rng := &hcl.Range{Filename: file, Start: at, End: end}
	found := "end of file"
	if e.Found != jsontree.EOF {
		found = fmt.Sprintf("character %q", e.Found)
	}
	if format, ok := jsonFoundDetails[e.Code]; ok {
		return Errorf(CodeSyntaxError, rng, "Invalid JSON", format, found)
	}
	switch e.Code {
	case jsontree.ErrDepth:
		return Errorf(CodeProjectLimit, rng, "JSON document too deep", "the document nests more than %d levels", e.Limit)
	case jsontree.ErrDuplicateKey:
		return Errorf(CodeSyntaxError, rng, "Duplicate JSON key", "the key %q appears twice in this object; the first is at line %d", e.Key, e.First.Line)
	case jsontree.ErrEscape:
		return Errorf(CodeSyntaxError, rng, "Invalid JSON string", "%s", e.Err)
	case jsontree.ErrControl:
		return Errorf(CodeSyntaxError, rng, "Invalid JSON string", "control character in string; escape it")
	case jsontree.ErrUnterminated:
		return Errorf(CodeSyntaxError, rng, "Invalid JSON string", "the string is not terminated")
	case jsontree.ErrNumber:
		return Errorf(CodeSyntaxError, rng, "Invalid JSON number", "%q is not a number", e.Text)
	case jsontree.ErrNumberRange:
		// No evaluator compares a number too large for a 64-bit float as
		// written.
		return Errorf(CodeInvalidConditionDataType, rng, "Number out of range", "%s cannot be represented as a 64-bit floating-point number (about ±1.8e308, down to 2.2e-308)", shorten(e.Text))
	}
	return Errorf(CodeSyntaxError, rng, "Invalid JSON", "%s", e.Error())
}

// shorten cuts a long text for a message.
func shorten(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}

type jsonDecoder struct {
	file  string
	diags hcl.Diagnostics
}

// rng is the source range of a value.
func (d *jsonDecoder) rng(n *jsontree.Node) hcl.Range {
	return hcl.Range{Filename: d.file, Start: hcl.Pos(n.Start), End: hcl.Pos(n.End)}
}

// keyRange is the source range of a member's key.
func (d *jsonDecoder) keyRange(m *jsontree.Member) hcl.Range {
	return hcl.Range{Filename: d.file, Start: hcl.Pos(m.KeyStart), End: hcl.Pos(m.KeyEnd)}
}

func (d *jsonDecoder) errorf(code Code, rng hcl.Range, summary, format string, args ...any) {
	d.diags = append(d.diags, Errorf(code, rng.Ptr(), summary, format, args...))
}

var topLevelKeys = []string{"Version", "Id", "Statement"}
var statementKeys = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

func (d *jsonDecoder) unknownKey(m *jsontree.Member, where string, known []string) {
	detail := fmt.Sprintf("%s may contain only %s", where, quoteList(known))
	if s := nameSuggestion(m.Key, known); s != "" {
		detail = fmt.Sprintf("did you mean %q? %s", s, detail)
	}
	d.errorf(CodeInvalidPolicyElement, d.keyRange(m), fmt.Sprintf("Unknown policy element %q", m.Key), "%s", detail)
}

func (d *jsonDecoder) document(n *jsontree.Node) *Document {
	if n.Kind != jsontree.Object {
		d.errorf(CodeDataTypeMismatch, d.rng(n), "Invalid policy document", "a policy document is a JSON object, not %s", n.Kind.Article())
		return nil
	}
	doc := &Document{Range: d.rng(n), Statements: []*Statement{}}
	var stmts *jsontree.Member
	for i := range n.Members {
		m := &n.Members[i]
		switch m.Key {
		case "Version":
			if s, ok := d.str(m.Value, "Version"); ok {
				if s != "2012-10-17" && s != "2008-10-17" {
					d.errorf(CodeInvalidVersion, d.rng(m.Value), "Invalid policy version", "Version must be \"2012-10-17\" (or the legacy \"2008-10-17\"), not %q", s)
				}
				doc.Version = s
			}
		case "Id":
			if s, ok := d.str(m.Value, "Id"); ok {
				doc.ID = s
			}
		case "Statement":
			stmts = m
		default:
			d.unknownKey(m, "a policy document", topLevelKeys)
		}
	}
	if stmts == nil {
		d.errorf(CodeMissingStatement, d.rng(n), "Missing Statement", "a policy document needs a Statement element")
		return doc
	}
	switch stmts.Value.Kind {
	case jsontree.Object:
		if s := d.statement(stmts.Value); s != nil {
			doc.Statements = append(doc.Statements, s)
		}
	case jsontree.Array:
		for _, e := range stmts.Value.Elems {
			if e.Kind != jsontree.Object {
				d.errorf(CodeDataTypeMismatch, d.rng(e), "Invalid Statement", "each statement is a JSON object, not %s", e.Kind.Article())
				continue
			}
			if s := d.statement(e); s != nil {
				doc.Statements = append(doc.Statements, s)
			}
		}
	default:
		d.errorf(CodeDataTypeMismatch, d.rng(stmts.Value), "Invalid Statement", "Statement is an object or an array of objects, not %s", stmts.Value.Kind.Article())
	}
	return doc
}

func (d *jsonDecoder) statement(n *jsontree.Node) *Statement {
	s := &Statement{Range: hcl.Range{Filename: d.file, Start: hcl.Pos(n.Start), End: hcl.Pos(n.Start)}}
	s.Range.End.Column++
	s.Range.End.Byte++
	hasEffect := false
	for i := range n.Members {
		m := &n.Members[i]
		switch m.Key {
		case "Sid":
			if v, ok := d.str(m.Value, "Sid"); ok {
				s.Sid = v
			}
		case "Effect":
			if v, ok := d.str(m.Value, "Effect"); ok {
				hasEffect = true
				if v != "Allow" && v != "Deny" {
					d.errorf(CodeInvalidEffect, d.rng(m.Value), "Invalid effect", "Effect must be exactly \"Allow\" or \"Deny\" (case-sensitive), not %q", v)
				}
				s.Effect = Effect(v)
			}
		case "Action":
			s.Actions = d.strings(m.Value, "Action")
		case "NotAction":
			s.NotActions = d.strings(m.Value, "NotAction")
		case "Resource":
			s.Resources = d.strings(m.Value, "Resource")
		case "NotResource":
			s.NotResources = d.strings(m.Value, "NotResource")
		case "Principal":
			s.Principals = d.principal(m.Value, "Principal")
		case "NotPrincipal":
			s.NotPrincipals = d.principal(m.Value, "NotPrincipal")
		case "Condition":
			s.Conditions = d.condition(m.Value)
		default:
			d.unknownKey(m, "a statement", statementKeys)
		}
	}
	if !hasEffect {
		d.errorf(CodeMissingEffect, s.Range, "Missing Effect", "every statement needs \"Effect\": \"Allow\" or \"Deny\"")
	}
	return s
}

func (d *jsonDecoder) str(n *jsontree.Node, what string) (string, bool) {
	if n.Kind != jsontree.String {
		d.errorf(CodeDataTypeMismatch, d.rng(n), "Invalid "+what, "%s must be a string, not %s", what, n.Kind.Article())
		return "", false
	}
	return n.Str, true
}

// strings decodes a string or an array of strings. The result is non-nil
// (possibly empty) so that the presence of the element is kept.
func (d *jsonDecoder) strings(n *jsontree.Node, what string) []String {
	out := []String{}
	switch n.Kind {
	case jsontree.String:
		out = append(out, String{Value: n.Str, Range: d.rng(n)})
	case jsontree.Array:
		for _, e := range n.Elems {
			if e.Kind != jsontree.String {
				d.errorf(CodeDataTypeMismatch, d.rng(e), "Invalid "+what, "%s values must be strings, not %s", what, e.Kind.Article())
				continue
			}
			out = append(out, String{Value: e.Str, Range: d.rng(e)})
		}
		if len(n.Elems) == 0 {
			d.errorf(CodeInvalidAttributeValue, d.rng(n), "Empty "+what, "%s must list at least one value", what)
		}
	default:
		d.errorf(CodeDataTypeMismatch, d.rng(n), "Invalid "+what, "%s must be a string or an array of strings, not %s", what, n.Kind.Article())
	}
	return out
}

var principalTypes = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func (d *jsonDecoder) principal(n *jsontree.Node, what string) []Principal {
	out := []Principal{}
	switch n.Kind {
	case jsontree.String:
		if n.Str != "*" {
			d.errorf(CodeDataTypeMismatch, d.rng(n), "Invalid "+what, "a %s given as a string must be \"*\"; name principals as {\"AWS\": …}, {\"Service\": …}, {\"Federated\": …} or {\"CanonicalUser\": …}", what)
			return out
		}
		out = append(out, Principal{Type: "*", Identifiers: []String{{Value: "*", Range: d.rng(n)}}, Range: d.rng(n)})
	case jsontree.Object:
		for i := range n.Members {
			m := &n.Members[i]
			known := false
			for _, t := range principalTypes {
				if m.Key == t {
					known = true
				}
			}
			if !known {
				detail := fmt.Sprintf("principal types are %s", quoteList(principalTypes))
				if s := nameSuggestion(m.Key, principalTypes); s != "" {
					detail = fmt.Sprintf("did you mean %q? %s", s, detail)
				}
				d.errorf(CodeInvalidPrincipalFormat, d.keyRange(m), "Unknown principal type", "%s", detail)
				continue
			}
			out = append(out, Principal{Type: m.Key, Identifiers: d.strings(m.Value, what+" "+m.Key), Range: d.rng(m.Value)})
		}
	default:
		d.errorf(CodeDataTypeMismatch, d.rng(n), "Invalid "+what, "%s must be \"*\" or an object, not %s", what, n.Kind.Article())
	}
	return out
}

func (d *jsonDecoder) condition(n *jsontree.Node) []Condition {
	out := []Condition{}
	if n.Kind != jsontree.Object {
		d.errorf(CodeDataTypeMismatch, d.rng(n), "Invalid Condition", "Condition must be an object of operators, not %s", n.Kind.Article())
		return out
	}
	for i := range n.Members {
		op := &n.Members[i]
		if op.Value.Kind != jsontree.Object {
			d.errorf(CodeDataTypeMismatch, d.rng(op.Value), "Invalid Condition", "the value of condition operator %q must be an object of condition keys, not %s", op.Key, op.Value.Kind.Article())
			continue
		}
		seen := map[string]hcl.Range{}
		for j := range op.Value.Members {
			k := &op.Value.Members[j]
			// Condition key names are case-insensitive (docs/semantics.md §5.1):
			// aws:SourceIp and AWS:SOURCEIP are one key, and a document
			// that names it twice in one operator is ambiguous. IAM Access
			// Analyzer reports it as an error ("Duplicate keys with
			// different case"); what IAM itself does is not documented.
			if first, dup := seen[strings.ToLower(k.Key)]; dup {
				d.errorf(CodeInvalidCondition, d.keyRange(k), "Duplicate condition key", "%q is already a key of %s at line %d (condition key names are case-insensitive); put all its values in one list", k.Key, op.Key, first.Start.Line)
				continue
			}
			seen[strings.ToLower(k.Key)] = d.keyRange(k)
			c := Condition{
				Operator: String{Value: op.Key, Range: d.keyRange(op)},
				Key:      String{Value: k.Key, Range: d.keyRange(k)},
				Range:    hcl.RangeBetween(d.keyRange(k), d.rng(k.Value)),
				Values:   []String{},
			}
			vals := []*jsontree.Node{k.Value}
			if k.Value.Kind == jsontree.Array {
				vals = k.Value.Elems
			}
			for _, v := range vals {
				switch v.Kind {
				case jsontree.String, jsontree.Number, jsontree.Bool:
					c.Values = append(c.Values, String{Value: v.Str, Range: d.rng(v)})
				default:
					d.errorf(CodeInvalidConditionDataType, d.rng(v), "Invalid condition value", "condition values are strings, numbers or booleans, not %s", v.Kind.Article())
				}
			}
			out = append(out, c)
		}
	}
	return out
}

func quoteList(names []string) string {
	s := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			s += " and "
		default:
			s += ", "
		}
		s += fmt.Sprintf("%q", n)
	}
	return s
}
