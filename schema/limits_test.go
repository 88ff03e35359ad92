package schema_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/schema"
)

func load(files map[string]string) (*schema.Project, string) {
	fs := fstest.MapFS{}
	for n, s := range files {
		fs[n] = &fstest.MapFile{Data: []byte(s)}
	}
	p, diags := schema.LoadFS(fs)
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Error() + "\n")
	}
	return p, b.String()
}

// Hostile nesting gets a diagnostic, not a stack overflow: the HCL parser
// recurses once per level.
func TestNestingLimit(t *testing.T) {
	const n = 1 << 14
	for name, src := range map[string]string{
		"brackets":     "x = " + strings.Repeat("[", n),
		"parentheses":  "x = " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n),
		"unary":        "x = " + strings.Repeat("!", n) + "true",
		"negation":     "x = " + strings.Repeat("-", n) + "1",
		"conditionals": "x = " + strings.Repeat("true ? 1 : ", n/10) + "2",
		"templates":    "x = " + strings.Repeat(`"${`, n/4),
		"directives":   "x = \"" + strings.Repeat("%{ if true }", n/12) + "\"",
		"blocks":       strings.Repeat("user \"u\" {\n", n/12),
	} {
		t.Run(name, func(t *testing.T) {
			_, diags := load(map[string]string{"main.hcl": src})
			assert.Regexp(t, `^main.hcl:\d+,\d+`, diags, "the position is reported")
			assert.Contains(t, diags, "Too deeply nested; expressions and blocks nest more than 100 levels here")
		})
	}
	// Ordinary nesting is fine.
	src := `policy "p" {
  statement {
    actions   = [for a in [["s3:GetObject"]] : a[0]]
    resources = ["arn:aws:s3:::${"b"}/${true ? "x" : "y"}", "%{if true}*%{endif}"]
  }
}
`
	p, diags := load(map[string]string{"main.hcl": src})
	require.Empty(t, diags)
	assert.Equal(t, "arn:aws:s3:::b/x", p.Policies[0].Document.Statements[0].Resources[0].Value)
	_, diags = load(map[string]string{"main.hcl": "x = " + strings.Repeat("[", 90) + strings.Repeat("]", 90)})
	assert.NotContains(t, diags, "Too deeply nested")
}

func TestStatementLimit(t *testing.T) {
	var hcl strings.Builder
	hcl.WriteString("policy \"p\" {\n")
	for i := 0; i < 1001; i++ {
		fmt.Fprintf(&hcl, "  statement {\n    actions   = [\"s3:GetObject%d\"]\n    resources = [\"*\"]\n  }\n", i)
	}
	hcl.WriteString("}\n")
	_, diags := load(map[string]string{"main.hcl": hcl.String()})
	assert.Contains(t, diags, "main.hcl:1,12-")
	assert.Contains(t, diags, "Too many statements; the policy has 1001 statements; iamc accepts at most 1000")

	stmts := make([]string, 1001)
	for i := range stmts {
		stmts[i] = `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`
	}
	doc := `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
	_, d := schema.ParsePolicyJSON("p.json", []byte(doc))
	require.True(t, d.HasErrors())
	assert.Equal(t, "Too many statements", d[0].Summary)

	_, d = schema.ParsePolicyJSON("p.json", []byte(`{"Version":"2012-10-17","Statement":[`+strings.Join(stmts[:1000], ",")+`]}`))
	assert.False(t, d.HasErrors())
}

// JSON read through jsondecode() is bounded too, by encoding/json's depth
// limit of 10,000.
func TestJSONDecodeDepth(t *testing.T) {
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	_, diags := load(map[string]string{"main.hcl": `policy "p" {
  statement {
    actions   = jsondecode(file("deep.json"))
    resources = ["*"]
  }
}
`, "deep.json": deep})
	assert.Contains(t, diags, "exceeded max depth")
}
