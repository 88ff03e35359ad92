package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// TestRun runs the program on the coffee-shop bundle. The expected lines
// follow the story: MFA is required to assume Cashier (docs/semantics.md §4.3),
// the Cashier sells, the guardrails Deny wins over the allow (§2), and the
// session has only the Cashier's permissions (§4.1).
func TestRun(t *testing.T) {
	out, _, diags := compiler.Build("../coffee-shop")
	require.False(t, diags.HasErrors(), "%v", diags)
	b, err := out.BundleBytes()
	require.NoError(t, err)
	var w bytes.Buffer
	require.NoError(t, run(context.Background(), rego.FromBytes(b), &w))
	want := `assume Cashier without MFA: implicit_deny (missing [aws:MultiFactorAuthPresent])
assumed arn:aws:sts::111122223333:assumed-role/Cashier/employee
register:Sell          allow          Allow policy.register.UseRegister (policies.hcl:6:3)
register:Refund        explicit_deny  Deny policy.guardrails.NoRefunds (policies.hcl:32:3)
inventory:CountStock   implicit_deny 
`
	require.Equal(t, want, w.String())
}
