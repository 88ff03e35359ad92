package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const checkCases = "../../testdata/check/"

func TestCheckExitCodes(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"clean", []string{checkCases + "pass-role-with-star-in-resource/good"}, 0},
		{"security warning below the default threshold", []string{checkCases + "pass-role-with-star-in-resource/bad"}, 0},
		{"security warning at the threshold", []string{checkCases + "pass-role-with-star-in-resource/bad", "--fail-on", "security_warning"}, 1},
		{"suggestion under --fail-on suggestion", []string{checkCases + "redundant-action/bad", "--fail-on", "suggestion"}, 1},
		{"suggestion under --fail-on warning", []string{checkCases + "redundant-action/bad", "--fail-on", "warning"}, 0},
		{"error finding of a project that compiles", []string{checkCases + "arn-segment-not-allowed/bad"}, 1},
		{"error finding, --fail-on none", []string{checkCases + "arn-segment-not-allowed/bad", "--fail-on", "none"}, 0},
		{"findings on AWS managed policies are not counted", []string{"../../examples/northwind", "--fail-on", "suggestion"}, 0},
		{"a suppressed finding is not counted", []string{checkCases + "unused-suppression/good", "--fail-on", "suggestion"}, 0},
		{"an unused suppression is", []string{checkCases + "unused-suppression/bad", "--fail-on", "warning"}, 1},
		{"does not compile", []string{checkCases + "unknown-action/bad"}, 2},
		{"does not compile, --fail-on none", []string{checkCases + "unknown-action/bad", "--fail-on", "none"}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := iamc(t, "", append([]string{"check"}, c.args...)...)
			assert.Equal(t, c.code, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
		})
	}
}

func TestCheckPretty(t *testing.T) {
	code, stdout, _ := iamc(t, "", "check", checkCases+"unknown-action/bad")
	assert.Equal(t, 2, code)
	assert.Equal(t, `../../testdata/check/unknown-action/bad/main.hcl:11:18: error UNKNOWN_ACTION: Unknown action: did you mean "register:Sell"? the service block "register" lists no action "Sel"
   11 |     actions   = ["register:Sel"]
      |                  ^^^^^^^^^^^^^^
  hint: use an action the service block lists, or add it to the service block
1 finding: 1 error (1 policy, 1 statement checked); the project does not compile
`, stdout)
}

func TestCheckFormats(t *testing.T) {
	code, stdout, _ := iamc(t, "", "check", checkCases+"trust-wildcard-principal/bad", "--format", "json")
	assert.Equal(t, 0, code)
	var rep struct {
		Compiles bool
		Summary  map[string]int
		Findings []struct {
			Code, Severity string
			Location       struct{ File string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &rep))
	assert.True(t, rep.Compiles)
	assert.Equal(t, 1, rep.Summary["security_warning"])
	require.Len(t, rep.Findings, 1)
	assert.Equal(t, "TRUST_WILDCARD_PRINCIPAL", rep.Findings[0].Code)
	assert.Equal(t, "security_warning", rep.Findings[0].Severity)
	assert.Equal(t, "../../testdata/check/trust-wildcard-principal/bad/main.hcl", rep.Findings[0].Location.File)

	code, stdout, _ = iamc(t, "", "check", checkCases+"trust-wildcard-principal/bad", "--format", "sarif")
	assert.Equal(t, 0, code)
	var sarif map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &sarif))
	assert.Equal(t, "2.1.0", sarif["version"])
}

func TestCheckUsage(t *testing.T) {
	for name, args := range map[string][]string{
		"bad format":  {"check", coffee, "--format", "xml"},
		"bad fail-on": {"check", coffee, "--fail-on", "fatal"},
		"two dirs":    {"check", coffee, coffee},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := iamc(t, "", args...)
			assert.Equal(t, 2, code, stderr)
			assert.Contains(t, stderr, "iamc: ")
		})
	}
}

func TestCheckWritesNothing(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(checkCases + "redundant-statement/bad/main.hcl")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.hcl"), src, 0o644))
	code, _, _ := iamc(t, "", "check", dir)
	assert.Equal(t, 0, code)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1)
}
