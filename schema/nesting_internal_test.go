package schema

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzNestingBound: the cheap scan never counts less than the lexer-based
// count, so that a source it lets through is never one the lexer-based
// count would refuse.
func FuzzNestingBound(f *testing.F) {
	for _, s := range []string{
		`x = "` + strings.Repeat("%{ if true }", 5) + `"`,
		`x = "$${a} %%{b} ${ "${ [1, (2)] }" }"`,
		"x = <<EOT\n${ a ? b : c }\n%{ for v in l }${v}%{ endfor }\nEOT\ny = [!!-1]",
		"x = <<-EOT\n  a\n  EOT\n",
		"a = b ? c : d ? e : f\ng = [\nh ? i : j,\nk ? l : m]",
		"/* { [ ( */ # {\n// [\nx = 1 < 2 && 3 << 4",
		`x = "unterminated`,
		"x = { a = \"\\\" {\" }",
	} {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob("../examples/*/*.hcl")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		b := nestingBound(src)
		if d := nestingOver("f.hcl", src, b); d != nil {
			t.Fatalf("the bound %d is under the lexer-based count: %s", b, d.Error())
		}
	})
}
