package compiler_test

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/schema"
)

// FuzzBuild: compiling any project (an HCL file and a JSON document it may
// read with file("doc.json")) never panics or hangs; a project either
// compiles to a bundle or has an error with a position, never both or
// neither; every diagnostic has a code.
func FuzzBuild(f *testing.F) {
	var hcls [][]byte
	for _, p := range []string{"../examples/*/*.hcl", "../testdata/*/*/*.hcl", "../testdata/check/*/*/*.hcl"} {
		m, err := filepath.Glob(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range m {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			hcls = append(hcls, b)
		}
	}
	if len(hcls) == 0 {
		f.Fatal("no seeds")
	}
	owner, err := os.ReadFile("../examples/coffee-shop/owner.json")
	if err != nil {
		f.Fatal(err)
	}
	for _, b := range hcls {
		f.Add(b, owner)
	}
	f.Add([]byte("user \"u\" {\n  policies = [policy.doc]\n}\npolicy \"doc\" {\n  document = file(\"doc.json\")\n}\n"), owner)
	f.Fuzz(func(t *testing.T, src, doc []byte) {
		fs := fstest.MapFS{"main.hcl": {Data: src}, "doc.json": {Data: doc}}
		out, p, diags := compiler.BuildFS(fs)
		switch {
		case out != nil && diags.HasErrors():
			t.Fatalf("output despite errors: %s", diags.Error())
		case out == nil && !diags.HasErrors():
			t.Fatal("no output and no error")
		case p == nil && out != nil:
			t.Fatal("output without a project")
		}
		for _, d := range diags {
			if d.Subject == nil {
				t.Errorf("diagnostic without a position: %s", d.Error())
			}
			if schema.CodeOf(d) == "" {
				t.Errorf("diagnostic without a code: %s", d.Error())
			}
		}
		if out != nil {
			if _, err := out.BundleBytes(); err != nil {
				t.Fatalf("bundle: %v", err)
			}
		}
	})
}
