package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// evalJSON runs iamc eval --format json on the coffee shop and decodes the
// decision it prints.
func evalJSON(t *testing.T, args ...string) (int, map[string]any) {
	t.Helper()
	args = append(append([]string{"eval", coffee}, args...), "--format", "json")
	code, stdout, stderr := iamc(t, "", args...)
	var dec map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &dec), "stdout: %s\nstderr: %s", stdout, stderr)
	return code, dec
}

// TestEvalSessionOptions: --session-policy and --session-tag are passed to
// the AssumeRole call. A session policy limits the session to what both the
// role's policies and it allow (docs/semantics.md §3.1 step 7); session
// tags make the call sts:TagSession too, which the role's trust policy must
// allow (§4.2): the Cashier's trusts sts:AssumeRole alone.
func TestEvalSessionOptions(t *testing.T) {
	dir := t.TempDir()
	policy := filepath.Join(dir, "view-sales.json")
	require.NoError(t, os.WriteFile(policy, []byte(`{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "register:ViewSales", "Resource": "*"}]}`), 0o644))
	cashier := []string{"--principal", "user.employee", "--assume", "role.Cashier", "--mfa"}
	till := []string{"--resource", "arn:aws:register:::till/1"}

	code, dec := evalJSON(t, append(append(cashier, "--session-policy", policy, "--action", "register:Sell"), till...)...)
	assert.Equal(t, 0, code)
	assert.Equal(t, "implicit_deny", dec["decision"], "the role allows register:Sell, the session policy does not")
	assert.Equal(t, "implicit", dec["layers"].(map[string]any)["session"])

	code, dec = evalJSON(t, append(append(cashier, "--session-policy", policy, "--action", "register:ViewSales"), till...)...)
	assert.Equal(t, 0, code)
	assert.Equal(t, "allow", dec["decision"], "both the role and the session policy allow register:ViewSales")
	assert.Equal(t, "allow", dec["layers"].(map[string]any)["session"])

	code, dec = evalJSON(t, append(append(cashier, "--session-tag", "shift=morning", "--action", "register:Sell"), till...)...)
	assert.Equal(t, 0, code)
	assert.Equal(t, "implicit_deny", dec["decision"], "the trust policy does not allow sts:TagSession")
}

// The session options are checked before any role is assumed.
func TestEvalSessionOptionErrors(t *testing.T) {
	dir := t.TempDir()
	notJSON := filepath.Join(dir, "policy.json")
	require.NoError(t, os.WriteFile(notJSON, []byte("Allow everything"), 0o644))
	request := []string{"eval", coffee, "--principal", "user.employee", "--action", "register:Sell", "--resource", "arn:aws:register:::till/1"}
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"policy without assume": {[]string{"--session-policy", notJSON}, "--session-policy needs --assume"},
		"policy not JSON":       {[]string{"--assume", "role.Cashier", "--mfa", "--session-policy", notJSON}, "not a JSON policy document"},
		"policy missing":        {[]string{"--assume", "role.Cashier", "--mfa", "--session-policy", filepath.Join(dir, "none.json")}, "--session-policy: open"},
		"tag without key":       {[]string{"--assume", "role.Cashier", "--mfa", "--session-tag", "=morning"}, `--session-tag takes key=value, not "=morning"`},
		"tag without value":     {[]string{"--assume", "role.Cashier", "--mfa", "--session-tag", "shift"}, `--session-tag takes key=value, not "shift"`},
	} {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := iamc(t, "", append(request, c.args...)...)
			assert.Equal(t, 2, code)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, c.want)
		})
	}
}
