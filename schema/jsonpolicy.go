package schema

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
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
	root, derr := parseJSONTree(file, src)
	if derr != nil {
		return nil, hcl.Diagnostics{derr}
	}
	d := &jsonDecoder{}
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

type jsonDecoder struct {
	diags hcl.Diagnostics
}

func (d *jsonDecoder) errorf(code Code, rng hcl.Range, summary, format string, args ...any) {
	d.diags = append(d.diags, Errorf(code, rng.Ptr(), summary, format, args...))
}

var topLevelKeys = []string{"Version", "Id", "Statement"}
var statementKeys = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

func (d *jsonDecoder) unknownKey(m jsonMember, where string, known []string) {
	detail := fmt.Sprintf("%s may contain only %s", where, quoteList(known))
	if s := nameSuggestion(m.Key, known); s != "" {
		detail = fmt.Sprintf("did you mean %q? %s", s, detail)
	}
	d.errorf(CodeInvalidPolicyElement, m.KeyRange, fmt.Sprintf("Unknown policy element %q", m.Key), "%s", detail)
}

func (d *jsonDecoder) document(n *jsonNode) *Document {
	if n.Kind != jsonObject {
		d.errorf(CodeDataTypeMismatch, n.Range, "Invalid policy document", "a policy document is a JSON object, not %s", article(n.Kind))
		return nil
	}
	doc := &Document{Range: n.Range, Statements: []*Statement{}}
	var stmts *jsonMember
	for i := range n.Members {
		m := &n.Members[i]
		switch m.Key {
		case "Version":
			if s, ok := d.str(m.Value, "Version"); ok {
				if s != "2012-10-17" && s != "2008-10-17" {
					d.errorf(CodeInvalidVersion, m.Value.Range, "Invalid policy version", "Version must be \"2012-10-17\" (or the legacy \"2008-10-17\"), not %q", s)
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
			d.unknownKey(*m, "a policy document", topLevelKeys)
		}
	}
	if stmts == nil {
		d.errorf(CodeMissingStatement, n.Range, "Missing Statement", "a policy document needs a Statement element")
		return doc
	}
	switch stmts.Value.Kind {
	case jsonObject:
		if s := d.statement(stmts.Value); s != nil {
			doc.Statements = append(doc.Statements, s)
		}
	case jsonArray:
		for _, e := range stmts.Value.Elems {
			if e.Kind != jsonObject {
				d.errorf(CodeDataTypeMismatch, e.Range, "Invalid Statement", "each statement is a JSON object, not %s", article(e.Kind))
				continue
			}
			if s := d.statement(e); s != nil {
				doc.Statements = append(doc.Statements, s)
			}
		}
	default:
		d.errorf(CodeDataTypeMismatch, stmts.Value.Range, "Invalid Statement", "Statement is an object or an array of objects, not %s", article(stmts.Value.Kind))
	}
	return doc
}

func (d *jsonDecoder) statement(n *jsonNode) *Statement {
	s := &Statement{Range: hcl.Range{Filename: n.Range.Filename, Start: n.Range.Start, End: n.Range.Start}}
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
					d.errorf(CodeInvalidEffect, m.Value.Range, "Invalid effect", "Effect must be exactly \"Allow\" or \"Deny\" (case-sensitive), not %q", v)
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
			d.unknownKey(*m, "a statement", statementKeys)
		}
	}
	if !hasEffect {
		d.errorf(CodeMissingEffect, s.Range, "Missing Effect", "every statement needs \"Effect\": \"Allow\" or \"Deny\"")
	}
	return s
}

func (d *jsonDecoder) str(n *jsonNode, what string) (string, bool) {
	if n.Kind != jsonString {
		d.errorf(CodeDataTypeMismatch, n.Range, "Invalid "+what, "%s must be a string, not %s", what, article(n.Kind))
		return "", false
	}
	return n.Str, true
}

// strings decodes a string or an array of strings. The result is non-nil
// (possibly empty) so that the presence of the element is kept.
func (d *jsonDecoder) strings(n *jsonNode, what string) []String {
	out := []String{}
	switch n.Kind {
	case jsonString:
		out = append(out, String{Value: n.Str, Range: n.Range})
	case jsonArray:
		for _, e := range n.Elems {
			if e.Kind != jsonString {
				d.errorf(CodeDataTypeMismatch, e.Range, "Invalid "+what, "%s values must be strings, not %s", what, article(e.Kind))
				continue
			}
			out = append(out, String{Value: e.Str, Range: e.Range})
		}
		if len(n.Elems) == 0 {
			d.errorf(CodeInvalidAttributeValue, n.Range, "Empty "+what, "%s must list at least one value", what)
		}
	default:
		d.errorf(CodeDataTypeMismatch, n.Range, "Invalid "+what, "%s must be a string or an array of strings, not %s", what, article(n.Kind))
	}
	return out
}

var principalTypes = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func (d *jsonDecoder) principal(n *jsonNode, what string) []Principal {
	out := []Principal{}
	switch n.Kind {
	case jsonString:
		if n.Str != "*" {
			d.errorf(CodeDataTypeMismatch, n.Range, "Invalid "+what, "a %s given as a string must be \"*\"; name principals as {\"AWS\": …}, {\"Service\": …}, {\"Federated\": …} or {\"CanonicalUser\": …}", what)
			return out
		}
		out = append(out, Principal{Type: "*", Identifiers: []String{{Value: "*", Range: n.Range}}, Range: n.Range})
	case jsonObject:
		for _, m := range n.Members {
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
				d.errorf(CodeInvalidPrincipalFormat, m.KeyRange, "Unknown principal type", "%s", detail)
				continue
			}
			out = append(out, Principal{Type: m.Key, Identifiers: d.strings(m.Value, what+" "+m.Key), Range: m.Value.Range})
		}
	default:
		d.errorf(CodeDataTypeMismatch, n.Range, "Invalid "+what, "%s must be \"*\" or an object, not %s", what, article(n.Kind))
	}
	return out
}

func (d *jsonDecoder) condition(n *jsonNode) []Condition {
	out := []Condition{}
	if n.Kind != jsonObject {
		d.errorf(CodeDataTypeMismatch, n.Range, "Invalid Condition", "Condition must be an object of operators, not %s", article(n.Kind))
		return out
	}
	for _, op := range n.Members {
		if op.Value.Kind != jsonObject {
			d.errorf(CodeDataTypeMismatch, op.Value.Range, "Invalid Condition", "the value of condition operator %q must be an object of condition keys, not %s", op.Key, article(op.Value.Kind))
			continue
		}
		seen := map[string]hcl.Range{}
		for _, k := range op.Value.Members {
			// Condition key names are case-insensitive (docs/semantics.md §5.1):
			// aws:SourceIp and AWS:SOURCEIP are one key, and a document
			// that names it twice in one operator is ambiguous. IAM Access
			// Analyzer reports it as an error ("Duplicate keys with
			// different case"); what IAM itself does is not documented.
			if first, dup := seen[strings.ToLower(k.Key)]; dup {
				d.errorf(CodeInvalidCondition, k.KeyRange, "Duplicate condition key", "%q is already a key of %s at line %d (condition key names are case-insensitive); put all its values in one list", k.Key, op.Key, first.Start.Line)
				continue
			}
			seen[strings.ToLower(k.Key)] = k.KeyRange
			c := Condition{
				Operator: String{Value: op.Key, Range: op.KeyRange},
				Key:      String{Value: k.Key, Range: k.KeyRange},
				Range:    hcl.RangeBetween(k.KeyRange, k.Value.Range),
				Values:   []String{},
			}
			vals := []*jsonNode{k.Value}
			if k.Value.Kind == jsonArray {
				vals = k.Value.Elems
			}
			for _, v := range vals {
				switch v.Kind {
				case jsonString, jsonNumber, jsonBool:
					c.Values = append(c.Values, String{Value: v.Str, Range: v.Range})
				default:
					d.errorf(CodeInvalidConditionDataType, v.Range, "Invalid condition value", "condition values are strings, numbers or booleans, not %s", article(v.Kind))
				}
			}
			out = append(out, c)
		}
	}
	return out
}

func article(k jsonKind) string {
	switch k {
	case jsonObject, jsonArray:
		return "an " + k.String()
	case jsonNull:
		return "null"
	}
	return "a " + k.String()
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
