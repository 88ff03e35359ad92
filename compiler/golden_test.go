package compiler_test

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/internal/golden"
	"github.com/iamc/iamc/schema"
)

func renderDiags(p *schema.Project, diags hcl.Diagnostics) []byte {
	var b strings.Builder
	w := schema.DiagWriter{}
	if p != nil {
		w.Sources = p.Sources
	}
	_ = w.Write(&b, diags)
	return []byte(b.String())
}

// TestDiagnostics: each testdata/diag/<case> is a project with mistakes;
// want.diag holds every diagnostic iamc reports for it, rendered as the
// command line does. Each case must fail to compile.
func TestDiagnostics(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/diag/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out, p, diags := compiler.Build(dir)
			assert.Nil(t, out, "a project with errors must produce no output")
			require.True(t, diags.HasErrors(), "expected errors")
			golden.Check(t, filepath.Join(dir, "want.diag"), renderDiags(p, diags))
		})
	}
}

// TestCompile: each testdata/compile/<case> compiles; want.json is its
// data.json (indented).
func TestCompile(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/compile/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out, p, diags := compiler.Build(dir)
			require.False(t, diags.HasErrors(), "%s", renderDiags(p, diags))
			var data any
			dec := json.NewDecoder(bytes.NewReader(out.Data))
			dec.UseNumber()
			require.NoError(t, dec.Decode(&data))
			var pretty bytes.Buffer
			enc := json.NewEncoder(&pretty)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			require.NoError(t, enc.Encode(data))
			golden.Check(t, filepath.Join(dir, "want.json"), pretty.Bytes())
		})
	}
}

// TestDeterministic: the same project gives byte-identical bundles.
func TestDeterministic(t *testing.T) {
	var first []byte
	for i := 0; i < 3; i++ {
		out, _, diags := compiler.Build("../examples/coffee-shop")
		require.False(t, diags.HasErrors())
		b, err := out.BundleBytes()
		require.NoError(t, err)
		if first == nil {
			first = b
			continue
		}
		require.Equal(t, first, b, "build %d differs", i)
	}
}
