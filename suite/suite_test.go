package suite

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
)

// runDir compiles a project directory and runs its suites.
func runDir(t *testing.T, dir string) []Result {
	t.Helper()
	out, p, diags := compiler.Build(dir)
	if diags.HasErrors() {
		var b []byte
		w := schema.DiagWriter{Sources: p.Sources, Prefix: dir}
		for _, d := range diags {
			b = append(b, w.Format(d)...)
		}
		t.Fatalf("%s does not compile:\n%s", dir, b)
	}
	cases, diags := Prepare(out)
	require.False(t, diags.HasErrors(), "%s", diags)
	bundle, err := out.BundleBytes()
	require.NoError(t, err)
	eng, err := rego.Load(context.Background(), rego.FromBytes(bundle))
	require.NoError(t, err)
	return Run(context.Background(), eng, cases, Options{})
}

// TestExamples runs the suites of every example: each must have tests, and
// all of them must pass.
func TestExamples(t *testing.T) {
	dirs, err := filepath.Glob("../examples/*")
	require.NoError(t, err)
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		if hcl, _ := filepath.Glob(filepath.Join(dir, "*.hcl")); len(hcl) == 0 {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			results := runDir(t, dir)
			require.NotEmpty(t, results, "example %s has no tests", dir)
			for _, r := range results {
				if !r.Passed {
					t.Errorf("%s (%s): %v; decision %+v", r.Test.Name, r.Test.DeclRange, r.Failures, r.Decision)
				}
			}
		})
	}
}
