package check_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/check"
	"github.com/iamc/iamc/internal/golden"
	"github.com/iamc/iamc/schema"
)

func render(t *testing.T, r *check.Report, format string) []byte {
	t.Helper()
	f, err := check.Get(format, check.Options{})
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, f.Write(&b, r))
	return b.Bytes()
}

func codes(r *check.Report) []schema.Code {
	var out []schema.Code
	for _, f := range r.Findings {
		out = append(out, f.Code)
	}
	return out
}

// TestGolden: each testdata/check/<code>/ holds a minimal project that
// triggers the check (bad/) and one that must not (good/); want.txt is what
// iamc check prints for each.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob("../testdata/check/*")
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	seen := map[schema.Code]bool{}
	for _, dir := range dirs {
		if strings.HasPrefix(filepath.Base(dir), "_") {
			continue
		}
		code := schema.Code(strings.ToUpper(strings.ReplaceAll(filepath.Base(dir), "-", "_")))
		_, known := check.RuleFor(code)
		require.True(t, known, "%s names no rule", dir)
		seen[code] = true
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			bad := check.Run(filepath.Join(dir, "bad"))
			bad.Dir = ""
			assert.Contains(t, codes(bad), code, "bad/ must trigger %s", code)
			golden.Check(t, filepath.Join(dir, "bad", "want.txt"), render(t, bad, "pretty"))

			good := check.Run(filepath.Join(dir, "good"))
			good.Dir = ""
			assert.NotContains(t, codes(good), code, "good/ must not trigger %s", code)
			assert.True(t, good.Compiles, "good/ must compile")
			golden.Check(t, filepath.Join(dir, "good", "want.txt"), render(t, good, "pretty"))
		})
	}
	for _, r := range check.Rules() {
		if r.Analysis {
			assert.True(t, seen[r.Code], "analysis %s has no testdata/check/%s", r.Code, strings.ToLower(strings.ReplaceAll(string(r.Code), "_", "-")))
		}
	}
}

// TestDemo: testdata/check/_demo is a careless project with a finding of
// almost every kind, the example of the README.
func TestDemo(t *testing.T) {
	r := check.Run("../testdata/check/_demo")
	assert.True(t, r.Compiles)
	r.Dir = "demo"
	golden.Check(t, "../testdata/check/_demo/want.txt", render(t, r, "pretty"))
}

// TestGoldenFormats: the JSON and SARIF renderings of one report.
func TestGoldenFormats(t *testing.T) {
	r := check.Run("../testdata/check/pass-role-with-star-in-resource/bad")
	r.Dir = ""
	golden.Check(t, "testdata/pass-role.json", render(t, r, "json"))
	golden.Check(t, "testdata/pass-role.sarif", render(t, r, "sarif"))
}

// TestReadme: the README lists every code with its severity.
func TestReadme(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	readme := string(b)
	for _, r := range check.Rules() {
		assert.Contains(t, readme, "`"+string(r.Code)+"`", "README.md does not list %s", r.Code)
	}
}
