package rego_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/internal/jsonschematest"
	"github.com/iamc/iamc/rego"
)

// TestErrorCodes: every code of a decision error comes with the error that
// causes it, from the Rego core (so that a sidecar's decision carries it
// too) or, for what the Go engine refuses before evaluating, from the
// engine; a decision with errors is a deny all the same.
func TestErrorCodes(t *testing.T) {
	eng := loadCoffee(t)
	ctx := context.Background()
	schema, err := jsonschematest.New(ctx)
	require.NoError(t, err)
	now := time.Now().UTC()
	session := func(issued, expires time.Time) string {
		return fmt.Sprintf(`{"role": %q, "name": "employee", "source": %q, "mfa": true, "issued_at": %q, "expires_at": %q}`,
			cashier, employee, issued.Format(time.RFC3339), expires.Format(time.RFC3339))
	}
	sessionARN := "arn:aws:sts::111122223333:assumed-role/Cashier/employee"
	for _, c := range []struct {
		name  string
		input string
		want  rego.ErrorCode
	}{
		{"not JSON", `{"principal": `, rego.ErrMalformedInput},
		{"not an object", `[1, 2]`, rego.ErrMalformedInput},
		{"no principal", `{"action": "register:Sell", "resource": "*"}`, rego.ErrMalformedInput},
		{"a key twice", `{"principal": "a", "principal": "b", "action": "register:Sell", "resource": "*"}`, rego.ErrMalformedInput},
		{"unknown user", `{"principal": "arn:aws:iam::111122223333:user/nobody", "action": "register:Sell", "resource": "*"}`, rego.ErrUnknownPrincipal},
		{"a role as principal", fmt.Sprintf(`{"principal": %q, "action": "register:Sell", "resource": "*"}`, cashier), rego.ErrUnknownPrincipal},
		{"malformed action", fmt.Sprintf(`{"principal": %q, "action": "sell", "resource": "*"}`, owner), rego.ErrInvalidAction},
		{"action not in the catalog", fmt.Sprintf(`{"principal": %q, "action": "register:Steal", "resource": "*"}`, owner), rego.ErrUnknownAction},
		{"empty resource", fmt.Sprintf(`{"principal": %q, "action": "register:Sell", "resource": ""}`, owner), rego.ErrInvalidResource},
		{"trust action on an unknown role", fmt.Sprintf(`{"principal": %q, "action": "sts:AssumeRole", "resource": "arn:aws:iam::111122223333:role/Nope"}`, owner), rego.ErrUnknownRole},
		{"a key AWS sets", fmt.Sprintf(`{"principal": %q, "action": "register:Sell", "resource": "*", "context": {"aws:PrincipalTag/team": "x"}}`, owner), rego.ErrInvalidContext},
		{"a value of the wrong type", fmt.Sprintf(`{"principal": %q, "action": "register:Sell", "resource": "*", "context": {"aws:SourceIp": "not an IP"}}`, owner), rego.ErrInvalidContext},
		{"a time from the input", fmt.Sprintf(`{"principal": %q, "action": "register:Sell", "resource": "*", "time": "yesterday"}`, owner), rego.ErrInvalidTime},
		{"a session with an unknown field", fmt.Sprintf(`{"principal": %q, "action": "register:Sell", "resource": "*", "session": {"role": %q, "name": "x", "issued_at": %q, "expires_at": %q, "Policy": {}}}`,
			sessionARN, cashier, now.Add(-time.Minute).Format(time.RFC3339), now.Add(time.Minute).Format(time.RFC3339)), rego.ErrInvalidSession},
		{"a role session ARN without its session", fmt.Sprintf(`{"principal": %q, "action": "register:Sell", "resource": "*"}`, sessionARN), rego.ErrInvalidSession},
		{"an expired session", fmt.Sprintf(`{"principal": %q, "action": "register:Sell", "resource": "*", "session": %s}`,
			sessionARN, session(now.Add(-2*time.Hour), now.Add(-time.Hour))), rego.ErrSessionExpired},
		{"a session of an unknown role", fmt.Sprintf(`{"principal": %q, "action": "register:Sell", "resource": "*", "session": {"role": "arn:aws:iam::111122223333:role/Nope", "name": "x", "issued_at": %q, "expires_at": %q}}`,
			sessionARN, now.Add(-time.Minute).Format(time.RFC3339), now.Add(time.Minute).Format(time.RFC3339)), rego.ErrUnknownRole},
		{"a session policy without statements", fmt.Sprintf(`{"principal": %q, "action": "register:Sell", "resource": "*", "session": {"role": %q, "name": "employee", "issued_at": %q, "expires_at": %q, "policy": {"Version": "2012-10-17"}}}`,
			sessionARN, cashier, now.Add(-time.Minute).Format(time.RFC3339), now.Add(time.Minute).Format(time.RFC3339)), rego.ErrInvalidSessionPolicy},
		{"the root user assumes a role", fmt.Sprintf(`{"principal": "arn:aws:iam::111122223333:root", "action": "sts:AssumeRole", "resource": %q}`, cashier), rego.ErrInvalidSTSRequest},
	} {
		t.Run(c.name, func(t *testing.T) {
			dec, err := eng.DecideInput(ctx, []byte(c.input))
			require.NoError(t, err)
			assert.False(t, dec.Allowed)
			require.NotEmpty(t, dec.Errors)
			require.Len(t, dec.ErrorDetails, len(dec.Errors), "one detail per error")
			for i, d := range dec.ErrorDetails {
				assert.Equal(t, dec.Errors[i], d.Message, "the details follow the errors")
			}
			assert.ErrorIs(t, dec.Err(), c.want, "%v", dec.ErrorDetails)
			var doc any
			b, err := json.Marshal(dec)
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(b, &doc))
			msgs, err := schema.Validate(ctx, "decision", doc)
			require.NoError(t, err)
			assert.Empty(t, msgs, "schema/decision.schema.json")
		})
	}

	// A decision without errors has no details and no Err.
	dec, err := eng.Decide(ctx, rego.Request{Principal: owner, Action: "register:Refund", Resource: till})
	require.NoError(t, err)
	assert.True(t, dec.Allowed)
	assert.NoError(t, dec.Err())
	assert.Nil(t, dec.ErrorDetails)
	b, err := json.Marshal(dec)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "error_details")

	// An evaluation that does not complete.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	dec, err = eng.Decide(cancelled, rego.Request{Principal: owner, Action: "register:Refund", Resource: till})
	require.Error(t, err)
	assert.False(t, dec.Allowed)
	assert.ErrorIs(t, dec.Err(), rego.ErrEvaluationFailed)

	// A Go value that is not JSON, refused by the engine before the core.
	dec, err = eng.Decide(ctx, rego.Request{Principal: owner, Action: "register:Refund", Resource: till, Context: map[string]any{"k": make(chan int)}})
	require.NoError(t, err)
	assert.ErrorIs(t, dec.Err(), rego.ErrMalformedInput)
}

// TestAssumeRoleErrorCodes: a failed AssumeRole is an *AssumeRoleError that
// matches ErrAssumeRoleFailed and the codes of its decision, and says what
// eval says: the condition keys the trust policy lacked.
func TestAssumeRoleErrorCodes(t *testing.T) {
	eng := loadCoffee(t)
	ctx := context.Background()

	// Without MFA the Cashier's trust policy does not allow it (§4.3).
	_, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier})
	var denied *rego.AssumeRoleError
	require.ErrorAs(t, err, &denied)
	assert.ErrorIs(t, err, rego.ErrAssumeRoleFailed)
	assert.NotErrorIs(t, err, rego.ErrUnknownRole)
	assert.Equal(t, "assume role "+cashier+": denied (implicit_deny; missing context: aws:MultiFactorAuthPresent)", err.Error())

	// An unknown role is an invalid call.
	_, err = eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: "arn:aws:iam::111122223333:role/Nope", MFA: true})
	assert.ErrorIs(t, err, rego.ErrAssumeRoleFailed)
	assert.ErrorIs(t, err, rego.ErrUnknownRole)

	// A duration beyond the role's maximum.
	_, err = eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier, MFA: true, Duration: 48 * time.Hour})
	assert.ErrorIs(t, err, rego.ErrInvalidSTSRequest)

	// From an expired session.
	expired := &rego.Session{Role: cashier, Name: "employee", ARN: "arn:aws:sts::111122223333:assumed-role/Cashier/employee",
		Source: employee, MFA: true, IssuedAt: time.Now().Add(-2 * time.Hour), ExpiresAt: time.Now().Add(-time.Hour)}
	_, err = eng.AssumeRole(ctx, rego.AssumeRoleRequest{Role: "arn:aws:iam::111122223333:role/shop/Inventory", Session: expired})
	assert.ErrorIs(t, err, rego.ErrSessionExpired)

	// The error of an explicit deny names the statements that decided it,
	// as eval does (its wording, on a decision made by hand).
	assert.Contains(t, (&rego.AssumeRoleError{Role: cashier, Decision: rego.Decision{Decision: rego.ExplicitDeny,
		Reasons: []rego.Reason{{Policy: "policy.guardrails", Statement: "NoRefunds"}}}}).Error(),
		"explicit_deny by policy.guardrails.statement.NoRefunds")
}

// A program tells the reasons of a deny apart by their codes: here a
// session that has expired, which it would renew by assuming the role
// again.
func ExampleDecision_Err() {
	ctx := context.Background()
	eng, err := rego.Load(ctx, rego.FromBytes(coffeeShop()))
	if err != nil {
		log.Fatal(err)
	}
	const employee = "arn:aws:iam::111122223333:user/staff/employee"
	yesterday := time.Now().Add(-24 * time.Hour)
	dec, err := eng.Decide(ctx, rego.Request{
		Principal: employee,
		Action:    "register:Sell",
		Resource:  "arn:aws:register:::till/1",
		Session: &rego.Session{
			Role: "arn:aws:iam::111122223333:role/shop/Cashier", Name: "employee", Source: employee, MFA: true,
			IssuedAt: yesterday, ExpiresAt: yesterday.Add(time.Hour),
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(dec.Allowed)
	switch err := dec.Err(); {
	case errors.Is(err, rego.ErrSessionExpired):
		fmt.Println("the session has expired: assume the role again")
	case err != nil:
		fmt.Println("cannot decide:", err)
	}
	fmt.Println(dec.ErrorDetails[0].Code)
	// Output:
	// false
	// the session has expired: assume the role again
	// SESSION_EXPIRED
}

// TestErrorCodesListed: the codes the Rego core writes, the ErrorCode
// constants of the Go API, the enum of schema/decision.schema.json and the
// table of docs/design.md are the same list (ASSUME_ROLE_FAILED, which no
// decision carries, only in Go).
func TestErrorCodesListed(t *testing.T) {
	codeRE := regexp.MustCompile(`"code": "([A-Z_]+)"`)
	core := map[string]bool{}
	for _, src := range rego.CoreModules() {
		for _, m := range codeRE.FindAllSubmatch(src, -1) {
			core[string(m[1])] = true
		}
	}
	require.NotEmpty(t, core)

	goSrc, err := os.ReadFile("errors.go")
	require.NoError(t, err)
	constants := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\s+Err\w+ ErrorCode = "([A-Z_]+)"$`).FindAllSubmatch(goSrc, -1) {
		constants[string(m[1])] = true
	}
	require.True(t, constants[string(rego.ErrAssumeRoleFailed)], "the scan of errors.go is broken")
	delete(constants, string(rego.ErrAssumeRoleFailed))

	var schema struct {
		Definitions struct {
			Error struct {
				Properties struct {
					Code struct {
						Enum []string `json:"enum"`
					} `json:"code"`
				} `json:"properties"`
			} `json:"error"`
		} `json:"definitions"`
	}
	b, err := os.ReadFile("../schema/decision.schema.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &schema))
	enum := map[string]bool{}
	for _, c := range schema.Definitions.Error.Properties.Code.Enum {
		enum[c] = true
	}

	design, err := os.ReadFile("../docs/design.md")
	require.NoError(t, err)
	table := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([A-Z_]+)` \\|").FindAllSubmatch(design, -1) {
		table[string(m[1])] = true
	}

	assert.Equal(t, constants, enum, "the Go constants and the schema's enum")
	assert.Equal(t, enum, table, "the schema's enum and docs/design.md's table")
	for c := range core {
		assert.True(t, enum[c], "the core writes %s, which the schema does not list", c)
	}
}
