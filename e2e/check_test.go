package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
)

// TestOPACheckStrict has `opa check --strict` accept the bundle of every
// example and conformance scenario, packed and unpacked.
func TestOPACheckStrict(t *testing.T) {
	dir := t.TempDir()
	for i, p := range projects(t) {
		out, _, diags := compiler.Build(p)
		if diags.HasErrors() {
			t.Errorf("%s does not compile (TestSidecarParity shows why)", p)
			continue
		}
		file := filepath.Join(dir, "b"+itoa(i)+".tar.gz")
		require.NoError(t, compiler.WriteFileAtomic(file, out.WriteBundle))
		if got, err := runTool(t, opaBin, "check", "--strict", "--bundle", file); err != nil {
			t.Errorf("opa check --strict rejects the bundle of %s: %v\n%s", p, err, got)
		}
		if i == 0 {
			unpacked := filepath.Join(dir, "unpacked")
			require.NoError(t, out.WriteDir(unpacked))
			got, err := runTool(t, opaBin, "check", "--strict", "--bundle", unpacked)
			assert.NoError(t, err, "opa check --strict rejects the unpacked bundle of %s:\n%s", p, got)
		}
	}
}

// coffeeTests are Rego tests of the coffee-shop bundle; the expectations
// follow its story (examples/coffee-shop/README.md) and docs/semantics.md.
const coffeeTests = `package coffee_test

# The owner's policy allows everything and no Deny applies (§1).
test_owner_refunds if {
	data.iamc.decision.allowed with input as {
		"principal": "arn:aws:iam::111122223333:user/owner",
		"action": "register:Refund", "resource": "arn:aws:register:::till/1",
	}
}

# A user with no policy has no access: an implicit deny (§1).
test_newbie_has_nothing if {
	d := data.iamc.decision with input as {
		"principal": "arn:aws:iam::111122223333:user/staff/newbie",
		"action": "menu:ViewMenu", "resource": "*",
	}
	d.decision == "implicit_deny"
	not data.iamc.allow with input as {
		"principal": "arn:aws:iam::111122223333:user/staff/newbie",
		"action": "menu:ViewMenu", "resource": "*",
	}
}

# The employee reads the menu through the staff group's policy (§3.1).
test_employee_reads_menu if {
	d := data.iamc.decision with input as {
		"principal": "arn:aws:iam::111122223333:user/staff/employee",
		"action": "menu:ViewMenu", "resource": "*",
	}
	d.decision == "allow"
	d.reasons[0].policy == "policy.staff"
}

# A malformed input is denied with a reason, never allowed.
test_malformed_input_denied if {
	d := data.iamc.decision with input as {"principal": 42}
	not d.allowed
	count(d.errors) > 0
}
`

// TestOPATest runs Rego tests against the built bundle with `opa test`,
// packed and unpacked, and checks that a failing test does fail.
func TestOPATest(t *testing.T) {
	dir := t.TempDir()
	out, _, diags := compiler.Build(coffee)
	require.False(t, diags.HasErrors(), "%v", diags)
	bundle := filepath.Join(dir, "coffee.tar.gz")
	require.NoError(t, compiler.WriteFileAtomic(bundle, out.WriteBundle))
	unpacked := filepath.Join(dir, "coffee")
	require.NoError(t, out.WriteDir(unpacked))
	tests := filepath.Join(dir, "tests")
	require.NoError(t, os.MkdirAll(tests, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(tests, "coffee_test.rego"), []byte(coffeeTests), 0o644))

	got, err := runTool(t, opaBin, "test", "-v", bundle, tests)
	require.NoError(t, err, got)
	assert.Contains(t, got, "PASS: 4/4")

	// The unpacked bundle, loaded as a bundle directory, with the tests in
	// a bundle of their own.
	testBundle := filepath.Join(dir, "testbundle")
	require.NoError(t, os.MkdirAll(testBundle, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(testBundle, "coffee_test.rego"), []byte(coffeeTests), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(testBundle, ".manifest"), []byte(`{"roots": ["coffee_test"]}`), 0o644))
	got, err = runTool(t, opaBin, "test", "-v", "--bundle", unpacked, testBundle)
	require.NoError(t, err, got)
	assert.Contains(t, got, "PASS: 4/4")

	// A test that expects what the story forbids fails.
	wrong := strings.Replace(coffeeTests, `d.decision == "implicit_deny"`, `d.decision == "allow"`, 1)
	require.NotEqual(t, coffeeTests, wrong)
	require.NoError(t, os.WriteFile(filepath.Join(tests, "coffee_test.rego"), []byte(wrong), 0o644))
	got, err = runTool(t, opaBin, "test", bundle, tests)
	assert.Error(t, err, "opa test passed a wrong expectation:\n%s", got)
	assert.Contains(t, got, "FAIL: 1/4")
}

func itoa(i int) string { return strconv.Itoa(i) }
