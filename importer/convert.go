package importer

import (
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/iamc/iamc/schema"
)

// A JSON policy document becomes statement blocks only when iamc reads the
// blocks as exactly the same policy: the blocks are written, read back by
// iamc's own loader, and compared element by element with the JSON as
// iamc reads it. Anything else (a document without Version, which HCL
// cannot say; a value the blocks would change) stays a JSON file.

// block appends a nested block, after a blank line when the body already
// holds something, as people space their blocks.
func block(b *hclwrite.Body, typ string, labels ...string) *hclwrite.Body {
	if len(b.Attributes()) > 0 || len(b.Blocks()) > 0 {
		b.AppendNewline()
	}
	return b.AppendNewBlock(typ, labels).Body()
}

// refFunc gives the reference that stands for a principal identifier (an
// ARN or account ID of the project), or "".
type refFunc func(identifier string) string

// writeStatements writes a document as statement blocks (and version and
// id when they are not the defaults).
func writeStatements(b *hclwrite.Body, doc *schema.Document, ref refFunc) {
	if doc.Version == "2008-10-17" {
		setString(b, "version", doc.Version)
	}
	if doc.ID != "" {
		setString(b, "id", doc.ID)
	}
	for _, st := range doc.Statements {
		var sb *hclwrite.Body
		if st.Sid != "" {
			sb = block(b, "statement", st.Sid)
		} else {
			sb = block(b, "statement")
		}
		if st.Effect != schema.Allow {
			setString(sb, "effect", string(st.Effect))
		}
		for _, l := range []struct {
			name string
			vals []schema.String
		}{{"actions", st.Actions}, {"not_actions", st.NotActions}, {"resources", st.Resources}, {"not_resources", st.NotResources}} {
			if l.vals != nil {
				setList(sb, l.name, strItems(values(l.vals)))
			}
		}
		writePrincipals(sb, "principals", st.Principals, ref)
		writePrincipals(sb, "not_principals", st.NotPrincipals, ref)
		for _, c := range st.Conditions {
			cb := block(sb, "condition")
			setString(cb, "test", c.Operator.Value)
			setString(cb, "variable", c.Key.Value)
			setList(cb, "values", strItems(values(c.Values)))
		}
	}
}

func writePrincipals(b *hclwrite.Body, typ string, ps []schema.Principal, ref refFunc) {
	for _, p := range ps {
		pb := block(b, typ)
		setString(pb, "type", p.Type)
		items := make([]item, len(p.Identifiers))
		for i, id := range p.Identifiers {
			items[i] = strItem(id.Value)
			if ref != nil && p.Type == "AWS" {
				if r := ref(id.Value); r != "" {
					items[i] = refItem(r)
				}
			}
		}
		setList(pb, "identifiers", items)
	}
}

func values(ss []schema.String) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Value
	}
	return out
}

// convertible reports whether the statement blocks of a document read back
// as the same document.
func convertible(doc *schema.Document) bool {
	return convertibleAll([]*schema.Document{doc})[0]
}

// convertibleAll reports, for each document, whether its statement blocks
// read back as the same document. The documents are read back together,
// each in a file of its own, so that a mistake names the document it is
// in; one that cannot be told apart is read back alone.
func convertibleAll(docs []*schema.Document) []bool {
	out := make([]bool, len(docs))
	fsys := fstest.MapFS{}
	for i, doc := range docs {
		if doc == nil || len(doc.Statements) == 0 {
			continue
		}
		f := hclwrite.NewEmptyFile()
		writeStatements(f.Body().AppendNewBlock("policy", []string{"p" + itoa(i)}).Body(), doc, nil)
		fsys["p"+itoa(i)+".hcl"] = &fstest.MapFile{Data: f.BuildTokens(nil).Bytes()}
	}
	if len(fsys) == 0 {
		return out
	}
	proj, diags := schema.LoadFS(fsys)
	bad := map[string]bool{}
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		if d.Subject == nil || fsys[d.Subject.Filename] == nil {
			if len(docs) == 1 {
				return out
			}
			for i, doc := range docs { // a mistake of no one file: read back one by one
				out[i] = convertible(doc)
			}
			return out
		}
		bad[d.Subject.Filename] = true
	}
	if proj == nil {
		return out
	}
	for _, pol := range proj.Policies {
		i, err := strconv.Atoi(strings.TrimPrefix(pol.Name, "p"))
		if err != nil || i < 0 || i >= len(docs) || bad["p"+pol.Name[1:]+".hcl"] {
			continue
		}
		out[i] = sameDocument(docs[i], pol.Document)
	}
	return out
}

// sameDocument compares two documents as iamc reads them, ignoring where
// they were written.
func sameDocument(a, b *schema.Document) bool {
	if a == nil || b == nil || a.Version != b.Version || a.ID != b.ID || len(a.Statements) != len(b.Statements) {
		return false
	}
	for i, x := range a.Statements {
		y := b.Statements[i]
		if x.Sid != y.Sid || x.Effect != y.Effect ||
			!sameStrings(x.Actions, y.Actions) || !sameStrings(x.NotActions, y.NotActions) ||
			!sameStrings(x.Resources, y.Resources) || !sameStrings(x.NotResources, y.NotResources) ||
			!samePrincipals(x.Principals, y.Principals) || !samePrincipals(x.NotPrincipals, y.NotPrincipals) ||
			len(x.Conditions) != len(y.Conditions) {
			return false
		}
		for j, c := range x.Conditions {
			d := y.Conditions[j]
			if c.Operator.Value != d.Operator.Value || c.Key.Value != d.Key.Value || !sameStrings(c.Values, d.Values) {
				return false
			}
		}
	}
	return true
}

// sameStrings compares two lists of values; an absent list (nil) differs
// from an empty one.
func sameStrings(a, b []schema.String) bool {
	if (a == nil) != (b == nil) {
		return false
	}
	return slices.Equal(values(a), values(b))
}

func samePrincipals(a, b []schema.Principal) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Type != b[i].Type || !sameStrings(a[i].Identifiers, b[i].Identifiers) {
			return false
		}
	}
	return true
}
