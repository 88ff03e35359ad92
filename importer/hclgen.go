package importer

import (
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// item is an element of a generated list: a reference (user.Alice.arn) or
// a string.
type item struct {
	ref string
	str string
}

func refItem(ref string) item { return item{ref: ref} }
func strItem(s string) item   { return item{str: s} }

func (it item) tokens() hclwrite.Tokens {
	if it.ref != "" {
		return traversalTokens(it.ref)
	}
	return hclwrite.TokensForValue(cty.StringVal(it.str))
}

func (it item) width() int {
	if it.ref != "" {
		return len(it.ref)
	}
	return len(it.str) + 2
}

func traversalTokens(ref string) hclwrite.Tokens {
	parts := strings.Split(ref, ".")
	t := hcl.Traversal{hcl.TraverseRoot{Name: parts[0]}}
	for _, p := range parts[1:] {
		t = append(t, hcl.TraverseAttr{Name: p})
	}
	return hclwrite.TokensForTraversal(t)
}

func setString(b *hclwrite.Body, name, value string) {
	b.SetAttributeValue(name, cty.StringVal(value))
}

func setRef(b *hclwrite.Body, name, ref string) {
	b.SetAttributeRaw(name, traversalTokens(ref))
}

func setItem(b *hclwrite.Body, name string, it item) {
	b.SetAttributeRaw(name, it.tokens())
}

// setList writes a list on one line when it is short, else one element a
// line, as people write long lists of actions.
func setList(b *hclwrite.Body, name string, items []item) {
	b.SetAttributeRaw(name, listTokens(items))
}

func listTokens(items []item) hclwrite.Tokens {
	width := 0
	for _, it := range items {
		width += it.width() + 2
	}
	multiline := len(items) > 3 || width > 72
	toks := hclwrite.Tokens{{Type: hclsyntax.TokenOBrack, Bytes: []byte("[")}}
	if multiline {
		toks = append(toks, newline())
	}
	for i, it := range items {
		toks = append(toks, it.tokens()...)
		if multiline {
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenComma, Bytes: []byte(",")}, newline())
		} else if i < len(items)-1 {
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenComma, Bytes: []byte(",")})
		}
	}
	return append(toks, &hclwrite.Token{Type: hclsyntax.TokenCBrack, Bytes: []byte("]")})
}

func strItems(ss []string) []item {
	out := make([]item, len(ss))
	for i, s := range ss {
		out[i] = strItem(s)
	}
	return out
}

func refItems(refs []string) []item {
	out := make([]item, len(refs))
	for i, r := range refs {
		out[i] = refItem(r)
	}
	return out
}

var bareKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func newline() *hclwrite.Token {
	return &hclwrite.Token{Type: hclsyntax.TokenNewline, Bytes: []byte("\n")}
}

// comment appends a comment line to a body.
func comment(b *hclwrite.Body, text string) {
	b.AppendUnstructuredTokens(hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte("# " + text + "\n")}})
}

// setTags writes tags as an object of strings, in the export's order.
func setTags(b *hclwrite.Body, tags []tag) {
	if len(tags) == 0 {
		return
	}
	toks := hclwrite.Tokens{{Type: hclsyntax.TokenOBrace, Bytes: []byte("{")}, newline()}
	for _, t := range tags {
		if bareKey.MatchString(t.key) && t.key != "true" && t.key != "false" && t.key != "null" {
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenIdent, Bytes: []byte(t.key)})
		} else {
			toks = append(toks, hclwrite.TokensForValue(cty.StringVal(t.key))...)
		}
		toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenEqual, Bytes: []byte("=")})
		toks = append(toks, hclwrite.TokensForValue(cty.StringVal(t.value))...)
		toks = append(toks, newline())
	}
	toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenCBrace, Bytes: []byte("}")})
	b.SetAttributeRaw("tags", toks)
}
