package rego

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestCoreStrict compiles the Rego core as `opa check --strict` does (no
// unused arguments or variables, no shadowed imports), so that a sidecar
// user can check the bundle.
func TestCoreStrict(t *testing.T) {
	modules := map[string]*ast.Module{}
	for name, src := range CoreModules() {
		m, err := ast.ParseModuleWithOpts(name, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		modules[name] = m
	}
	c := ast.NewCompiler().WithStrict(true)
	if c.Compile(modules); c.Failed() {
		t.Fatal(c.Errors)
	}
}
