package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const unformatted = "user   \"dev\"{\npolicies=[policy.p]\n  groups = []\n}\n"
const formatted = "user \"dev\" {\n  policies = [policy.p]\n  groups   = []\n}\n"

func fmtProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	return dir
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func TestFmtCheck(t *testing.T) {
	dir := fmtProject(t, map[string]string{"a.hcl": unformatted, "b.hcl": formatted, "p.json": "{ }"})
	code, stdout, stderr := iamc(t, "", "fmt", dir, "--check")
	assert.Equal(t, 1, code)
	assert.Equal(t, filepath.Join(dir, "a.hcl")+"\n", stdout)
	assert.Contains(t, stderr, "1 file(s) not formatted")
	assert.Equal(t, unformatted, read(t, filepath.Join(dir, "a.hcl")), "--check changes nothing")

	code, stdout, _ = iamc(t, "", "fmt", dir, "--check", "--diff")
	assert.Equal(t, 1, code)
	assert.Contains(t, stdout, "--- "+filepath.Join(dir, "a.hcl")+"\n")
	assert.Contains(t, stdout, "-policies=[policy.p]\n-  groups = []\n+user \"dev\" {\n+  policies = [policy.p]\n")

	code, stdout, _ = iamc(t, "", "fmt", dir)
	assert.Equal(t, 0, code)
	assert.Equal(t, filepath.Join(dir, "a.hcl")+"\n", stdout)
	assert.Equal(t, formatted, read(t, filepath.Join(dir, "a.hcl")))
	assert.Equal(t, "{ }", read(t, filepath.Join(dir, "p.json")), "JSON is not touched")

	code, stdout, _ = iamc(t, "", "fmt", dir, "--check")
	assert.Equal(t, 0, code)
	assert.Empty(t, stdout)
}

// A file that does not parse is reported and nothing is written, not even
// the files that parse.
func TestFmtSyntaxError(t *testing.T) {
	dir := fmtProject(t, map[string]string{"a.hcl": unformatted, "broken.hcl": "user \"x\" {\n"})
	code, _, stderr := iamc(t, "", "fmt", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "broken.hcl:1:10: error: Unclosed configuration block")
	assert.Equal(t, unformatted, read(t, filepath.Join(dir, "a.hcl")))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary file left behind")
}

func TestFmtSingleFile(t *testing.T) {
	dir := fmtProject(t, map[string]string{"a.hcl": unformatted})
	code, _, _ := iamc(t, "", "fmt", filepath.Join(dir, "a.hcl"))
	assert.Equal(t, 0, code)
	assert.Equal(t, formatted, read(t, filepath.Join(dir, "a.hcl")))
}

func TestFmtRepositoryIsFormatted(t *testing.T) {
	code, stdout, _ := iamc(t, "", "fmt", "../../examples", "--check")
	assert.Equal(t, 0, code, "examples need formatting:\n%s", stdout)
}
