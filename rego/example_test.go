package rego_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// coffeeShop builds the coffee-shop example in memory; a program would
// usually load a file written by `iamc build`, with rego.FromFile.
func coffeeShop() []byte {
	out, _, diags := compiler.Build("../examples/coffee-shop")
	if diags.HasErrors() {
		log.Fatal(diags)
	}
	b, err := out.BundleBytes()
	if err != nil {
		log.Fatal(err)
	}
	return b
}

// The employee assumes the Cashier role with MFA, then sells; a refund is
// denied by the guardrails policy.
func Example() {
	ctx := context.Background()
	eng, err := rego.Load(ctx, rego.FromBytes(coffeeShop()))
	if err != nil {
		log.Fatal(err)
	}
	const employee = "arn:aws:iam::111122223333:user/staff/employee"
	sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{
		Principal: employee,
		Role:      "arn:aws:iam::111122223333:role/shop/Cashier",
		MFA:       true,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sess.ARN)
	for _, action := range []string{"register:Sell", "register:Refund"} {
		dec, err := eng.Decide(ctx, rego.Request{
			Principal: employee,
			Action:    action,
			Resource:  "arn:aws:register:::till/1",
			Session:   sess,
		})
		if err != nil {
			log.Fatal(err)
		}
		r := dec.Reasons[0]
		fmt.Println(action, dec.Decision, r.Policy, r.Statement, r.Source)
	}
	// Output:
	// arn:aws:sts::111122223333:assumed-role/Cashier/employee
	// register:Sell allow policy.register UseRegister policies.hcl:6:3
	// register:Refund explicit_deny policy.guardrails NoRefunds policies.hcl:32:3
}

// TestPackageDocRequest: the request the package documentation shows is
// the coffee shop's, and is allowed as it says: the owner's policy
// (owner.json) allows everything and no Deny applies (docs/semantics.md §1).
func TestPackageDocRequest(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	require.NoError(t, err)
	field := func(name string) string {
		m := regexp.MustCompile(`(?m)^//\s+` + name + `:\s+"([^"]+)",$`).FindSubmatch(src)
		require.NotNil(t, m, "doc.go shows no %s", name)
		return string(m[1])
	}
	eng, err := rego.Load(context.Background(), rego.FromBytes(coffeeShop()))
	require.NoError(t, err)
	dec, err := eng.Decide(context.Background(), rego.Request{Principal: field("Principal"), Action: field("Action"), Resource: field("Resource")})
	require.NoError(t, err)
	require.Empty(t, dec.Errors)
	require.True(t, dec.Allowed, "%+v", dec)
}
