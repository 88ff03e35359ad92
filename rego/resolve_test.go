package rego_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestResolve: references name the bundle's users, roles and accounts;
// every other principal form is left to the decision, and a reference that
// names nothing says what was meant.
func TestResolve(t *testing.T) {
	eng := loadCoffee(t)
	for ref, want := range map[string]string{
		"user.employee":           employee,
		"role.Cashier":            cashier,
		"account.shop":            "arn:aws:iam::111122223333:root",
		employee:                  employee,
		"anonymous":               "anonymous",
		"codebuild.amazonaws.com": "codebuild.amazonaws.com",
		"states.amazonaws.com.cn": "states.amazonaws.com.cn",
		"ec2.amazonaws.com":       "ec2.amazonaws.com",
	} {
		got, err := eng.Resolve(ref)
		require.NoError(t, err, ref)
		assert.Equal(t, want, got, ref)
	}
	for ref, want := range map[string]string{
		"user.employe":   `no user named "employe" in this bundle; did you mean user.employee?`,
		"role.cashier":   `no role named "cashier" in this bundle; did you mean role.Cashier?`,
		"user.Cashier":   `no user named "Cashier" in this bundle; role.Cashier is a role, whose sessions make requests (assume it)`,
		"account.owner":  `no account named "owner" in this bundle; did you mean user.owner?`,
		"user.zzz":       `no user named "zzz" in this bundle`,
		"group.staff":    `group.staff: a group is not a principal; a reference names user.<name>, role.<name> or account.<name> (its root user)`,
		"policy.owner":   `policy.owner: a policy is not a principal; a reference names user.<name>, role.<name> or account.<name> (its root user)`,
		"account.nobody": `no account named "nobody" in this bundle`,
	} {
		_, err := eng.Resolve(ref)
		assert.EqualError(t, err, want, ref)
	}
}
