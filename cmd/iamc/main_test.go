package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const coffee = "../../examples/coffee-shop"

// iamc runs the command line in process.
func iamc(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestBuild(t *testing.T) {
	dir := t.TempDir()
	bundle := filepath.Join(dir, "coffee.tar.gz")
	code, _, stderr := iamc(t, "", "build", coffee, "-o", bundle)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "built "+bundle)
	first, err := os.ReadFile(bundle)
	require.NoError(t, err)

	code, _, _ = iamc(t, "", "build", coffee, "-o", bundle, "-q")
	require.Equal(t, 0, code)
	second, err := os.ReadFile(bundle)
	require.NoError(t, err)
	assert.Equal(t, first, second, "same input, same bytes")
}

// A project with errors prints every diagnostic, exits 2 and leaves no file
// behind, nor touches an existing one.
func TestBuildErrors(t *testing.T) {
	dir := t.TempDir()
	bundle := filepath.Join(dir, "out.tar.gz")
	code, stdout, stderr := iamc(t, "", "build", "../../testdata/diag/unknown-reference", "-o", bundle)
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Contains(t, stderr, "testdata/diag/unknown-reference/main.hcl:2:15: error: Unknown reference: no group named \"staf\"; did you mean \"staff\"?")
	assert.Contains(t, stderr, "main.hcl:3:32: error:")
	assert.Contains(t, stderr, "^^^")
	_, err := os.Stat(bundle)
	assert.True(t, os.IsNotExist(err), "no bundle on error")
	entries, _ := os.ReadDir(dir)
	assert.Empty(t, entries, "no temporary file left behind")

	require.NoError(t, os.WriteFile(bundle, []byte("old"), 0o644))
	code, _, _ = iamc(t, "", "build", "../../testdata/diag/bad-json", "-o", bundle)
	assert.Equal(t, 2, code)
	old, _ := os.ReadFile(bundle)
	assert.Equal(t, "old", string(old))
}

func TestEvalJSON(t *testing.T) {
	code, stdout, stderr := iamc(t, "", "eval", coffee, "--principal", "user.employee", "--assume", "role.Cashier", "--mfa",
		"--action", "register:Sell", "--resource", "arn:aws:register:::till/1", "--format", "json")
	require.Equal(t, 0, code, stderr)
	var dec map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &dec))
	keys := make([]string, 0, len(dec))
	for k := range dec {
		keys = append(keys, k)
	}
	assert.ElementsMatch(t, []string{"allowed", "decision", "reasons", "layers", "missing_context", "errors"}, keys)
	assert.Equal(t, true, dec["allowed"])
	assert.Equal(t, "allow", dec["decision"])
	assert.Equal(t, map[string]any{"scp": "absent", "boundary": "absent", "identity": "allow", "resource": "absent", "session": "absent", "rcp": "absent", "endpoint": "absent"}, dec["layers"])
	assert.Equal(t, []any{map[string]any{"layer": "identity", "policy": "policy.register", "statement": "UseRegister", "effect": "Allow", "source": "policies.hcl:6:3"}}, dec["reasons"])
}

func TestEvalPretty(t *testing.T) {
	code, stdout, _ := iamc(t, "", "eval", coffee, "--principal", "arn:aws:iam::111122223333:user/owner",
		"--action", "register:Refund", "--resource", "arn:aws:register:::till/1", "--context", "aws:SourceIp=203.0.113.9")
	require.Equal(t, 0, code)
	assert.Equal(t, `arn:aws:iam::111122223333:user/owner register:Refund on arn:aws:register:::till/1
ALLOW
  layers:  scp absent · boundary absent · identity allow · resource absent · session absent
  because:
    identity  Allow  policy.owner  RunTheShop  owner.json:4:5
`, stdout)
}

func TestEvalInputAndBundle(t *testing.T) {
	dir := t.TempDir()
	bundle := filepath.Join(dir, "coffee.tar.gz")
	code, _, _ := iamc(t, "", "build", coffee, "-o", bundle, "-q")
	require.Equal(t, 0, code)
	input := `{"principal": "arn:aws:iam::111122223333:user/staff/newbie", "action": "menu:ViewMenu", "resource": "*"}`
	code, stdout, _ := iamc(t, input, "eval", bundle, "--input", "-", "--format", "json")
	require.Equal(t, 0, code)
	assert.Contains(t, stdout, `"decision": "implicit_deny"`)
}

func TestUsageErrors(t *testing.T) {
	for name, args := range map[string][]string{
		"unknown flag":      {"build", "--nope"},
		"missing request":   {"eval", coffee},
		"bad format":        {"eval", coffee, "--principal", "user.owner", "--action", "a:b", "--resource", "*", "--format", "xml"},
		"unknown principal": {"eval", coffee, "--principal", "user.nobody", "--action", "a:b", "--resource", "*"},
		"unknown command":   {"frobnicate"},
		"bad region":        {"eval", coffee, "--principal", "user.owner", "--action", "a:b", "--resource", "*", "--region", "Ireland"},
		"region twice":      {"eval", coffee, "--principal", "user.owner", "--action", "a:b", "--resource", "*", "--region", "eu-west-1", "--context", "aws:RequestedRegion=eu-west-1"},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := iamc(t, "", args...)
			assert.Equal(t, 2, code, stderr)
			assert.Contains(t, stderr, "iamc: ")
		})
	}
}

// TestEvalRegionAndLabels: --region is the request's aws:RequestedRegion
// (AWS's region-lock example SCP denies us-east-1); on a project, user.<label>
// and role.<label> resolve by label though two accounts have a user and a
// role of the same IAM name; a user's own session names its credentials.
func TestEvalRegionAndLabels(t *testing.T) {
	const northwind = "../../examples/northwind"
	code, stdout, stderr := iamc(t, "", "eval", northwind, "--principal", "user.ops", "--assume", "role.dev_admin",
		"--action", "ec2:RunInstances", "--resource", "arn:aws:ec2:us-east-1:333300003333:instance/*", "--region", "us-east-1", "--format", "json")
	require.Equal(t, 0, code, stderr)
	var dec map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &dec))
	assert.Equal(t, "explicit_deny", dec["decision"])
	assert.Equal(t, []any{map[string]any{"layer": "scp", "policy": "scp.region_lock", "statement": "DenyAllOutsideEU", "effect": "Deny", "source": "deny_outside_eu.json:4:9"}}, dec["reasons"])

	code, stdout, stderr = iamc(t, "", "eval", northwind, "--principal", "user.alice_dev", "--mfa=false",
		"--action", "iam:EnableMFADevice", "--resource", "arn:aws:iam::333300003333:user/alice", "--region", "eu-west-1")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "arn:aws:iam::333300003333:user/alice (temporary credentials, without MFA) iam:EnableMFADevice")
	assert.Contains(t, stdout, "ALLOW")
	assert.Contains(t, stdout, "policy.force_mfa_dev  AllowUserToManageTheirOwnMFA")
}
