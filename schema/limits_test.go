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

// Functions that could build a huge string from a few bytes are refused
// before they run; ordinary calls work.
func TestFunctionLimits(t *testing.T) {
	big := strings.Repeat("a", 1<<20)
	for name, c := range map[string]struct{ expr, want string }{
		"indent":         {`indent(2000000000, "a\nb")`, "indent: 2000000000 spaces is over 1024"},
		"format width":   {`format("%999999999d", 1)`, "width or precision 999999999 is over 1024"},
		"format repeats": {`format(file("fmt.txt"), file("big.txt"))`, "the result of format would be"},
		"formatlist":     {`formatlist("%.99999s", ["a"])`, "width or precision 99999 is over 1024"},
		"replace":        {`replace(file("big.txt"), "a", "aaaaaaaa")`, "the result of replace would be"},
		"replace regexp": {`replace(file("big.txt"), "/a/", "aaaaaaaa")`, "the result of replace would be"},
		"join":           {`join(file("big.txt"), ["a", "b", "c", "d", "e"])`, "the result of join would be"},
	} {
		t.Run(name, func(t *testing.T) {
			_, diags := load(map[string]string{"main.hcl": "policy \"p\" {\n  description = " + c.expr + "\n  statement {\n    actions   = [\"s3:GetObject\"]\n    resources = [\"*\"]\n  }\n}\n", "big.txt": big, "fmt.txt": strings.Repeat("%[1]s", 1000)})
			assert.Contains(t, diags, c.want)
		})
	}
	p, diags := load(map[string]string{"main.hcl": `policy "p" {
  description = join(",", [format("%s-%03d", "a", 7), indent(2, "x\ny"), replace("a.b", ".", "-"), formatlist("%s!", ["hi"])[0]])
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
`})
	require.Empty(t, diags)
	assert.Equal(t, "a-007,x\n  y,a-b,hi!", p.Policies[0].Description)
}

// Nested for expressions that would build a billion values stop at the
// project's budget, with a diagnostic; ordinary ones work.
func TestForBudget(t *testing.T) {
	_, diags := load(map[string]string{"main.hcl": `policy "p" {
  statement {
    actions   = flatten([for a in range(1000) : [for b in range(1000) : [for c in range(1000) : "s3:GetObject"]]])
    resources = ["*"]
  }
}
`})
	assert.Contains(t, diags, "Too large to evaluate; for expressions of the project build more than 200000 values")
	assert.Regexp(t, `^main.hcl:3,`, diags)

	p, diags := load(map[string]string{"main.hcl": `policy "p" {
  statement {
    actions   = [for i in range(600) : "s3:GetObjectVersion${i}"]
    resources = flatten([for a in ["x", "y"] : [for b in ["1", "2"] : "arn:aws:s3:::${a}/${b}"]])
  }
}
`})
	require.Empty(t, diags)
	assert.Len(t, p.Policies[0].Document.Statements[0].Actions, 600)
	assert.Equal(t, "arn:aws:s3:::y/2", p.Policies[0].Document.Statements[0].Resources[3].Value)
}
