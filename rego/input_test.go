package rego_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/rego"
)

// nested returns a context value nested n maps deep.
func nested(n int) any {
	var v any = "prod"
	for range n {
		v = map[string]any{"a": v}
	}
	return v
}

// TestHostileInputDepth: a caller's Go values are converted under bounds —
// nesting, number of values, size, cycles, and the JSON kinds only — so
// that no value can crash the process (a stack overflow is fatal in Go, not
// a panic) or exhaust its memory. What exceeds them is a deny with the
// reason in errors (the error contract of Decide), through every
// entrypoint that takes a Go value.
func TestHostileInputDepth(t *testing.T) {
	eng := loadCoffee(t)
	ctx := context.Background()
	cyclic := map[string]any{}
	cyclic["self"] = cyclic
	loop := []any{nil}
	loop[0] = map[string]any{"back": loop}
	wide := map[string]any{}
	wide["a"], wide["b"] = wide, wide
	many := map[string]any{}
	for i := range 200_000 {
		many[strings.Repeat("k", 8)+string(rune('a'+i%26))+time.Duration(i).String()] = i
	}
	type chanT chan int
	cases := map[string]struct {
		value any
		want  string
	}{
		"nested a million levels": {nested(1_000_000), `context["k"]["a"]`},
		"nested 33 levels":        {nested(33), "nested more than 32 levels deep"},
		"a map that holds itself": {cyclic, "the value contains itself"},
		"a slice through a map":   {loop, "the value contains itself"},
		"two ways to itself":      {wide, "the value contains itself"},
		"too many values":         {many, "more than 100000 values"},
		"too large":               {[]string{strings.Repeat("x", 5<<20), strings.Repeat("y", 5<<20)}, "larger than 8388608 bytes"},
		"a channel":               {make(chanT), "a rego_test.chanT is not a JSON value"},
		"a struct":                {struct{ A int }{1}, "is not a JSON value"},
		"a pointer":               {&struct{}{}, "is not a JSON value"},
		"NaN":                     {math.NaN(), "NaN is not a JSON number"},
		"infinity":                {[]float64{math.Inf(1)}, "+Inf is not a JSON number"},
		"not a number":            {json.Number("0x10"), `"0x10" is not a JSON number`},
		"a number out of range":   {json.Number("1e999999999"), "out of range"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			context := map[string]any{"k": c.value}
			dec, err := eng.Decide(ctx, rego.Request{Principal: owner, Action: "register:Sell", Resource: till, Context: context})
			require.NoError(t, err, "a bad value is a deny, not an error")
			assert.False(t, dec.Allowed)
			require.Len(t, dec.Errors, 1)
			assert.Contains(t, dec.Errors[0], c.want)
			assert.True(t, strings.HasPrefix(dec.Errors[0], `input: context["k"]`), dec.Errors[0])

			_, err = eng.Matched(ctx, rego.Request{Principal: owner, Action: "register:Sell", Resource: till, Context: context})
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)

			_, err = eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier, MFA: true, Context: context})
			var ae *rego.AssumeRoleError
			require.True(t, errors.As(err, &ae), "%v", err)
			assert.False(t, ae.Decision.Allowed)
			assert.Contains(t, strings.Join(ae.Errors, "\n"), c.want)

			_, err = eng.GetFederationToken(ctx, rego.FederationRequest{Principal: owner, Context: context})
			require.True(t, errors.As(err, &ae), "%v", err)
			assert.Contains(t, strings.Join(ae.Errors, "\n"), c.want)
			assert.True(t, strings.HasPrefix(err.Error(), "GetFederationToken: denied ("), "the call, not a role: %v", err)
		})
	}
	// The same bounds hold for the session policy, session tags and a
	// session passed in.
	sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier, MFA: true})
	require.NoError(t, err)
	bad := *sess
	bad.Policy = map[string]any{"Statement": nested(40)}
	dec, err := eng.Decide(ctx, rego.Request{Action: "register:Sell", Resource: till, Session: &bad})
	require.NoError(t, err)
	assert.False(t, dec.Allowed)
	assert.Contains(t, strings.Join(dec.Errors, "\n"), `input: session["policy"]["Statement"]`)
	_, err = eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier, MFA: true, Policy: cyclic})
	assert.ErrorContains(t, err, `policy["self"]: the value contains itself`)

	// A deep value within the bounds reaches the core, which refuses it as
	// no condition key's value: context values are strings, numbers,
	// booleans or lists of them.
	dec, err = eng.Decide(ctx, rego.Request{Principal: owner, Action: "register:Sell", Resource: till, Context: map[string]any{"k": nested(30)}})
	require.NoError(t, err)
	assert.False(t, dec.Allowed, "%+v", dec)
	assert.Contains(t, strings.Join(dec.Errors, "\n"), "context: k must be a string, a number, a boolean or a list of them")
}

// TestHostileInputDepthJSON: the JSON input (DecideInput, what `iamc eval
// --input` reads) is bounded the same way before it is decoded.
func TestHostileInputDepthJSON(t *testing.T) {
	eng := loadCoffee(t)
	req := func(ctxJSON string) string {
		return `{"principal": "` + owner + `", "action": "register:Sell", "resource": "` + till + `", "context": ` + ctxJSON + `}`
	}
	many := make([]string, 120_000)
	for i := range many {
		many[i] = "1"
	}
	for name, c := range map[string]struct{ input, want string }{
		"nested 33 levels":    {req(`{"k": ` + strings.Repeat(`[`, 33) + strings.Repeat(`]`, 33) + `}`), `input: context["k"]`},
		"nested 9,000":        {req(`{"k": ` + strings.Repeat(`{"a":`, 9000) + `1` + strings.Repeat(`}`, 9000) + `}`), "nested more than 32 levels deep"},
		"nested a million":    {req(strings.Repeat(`[`, 1_000_000) + strings.Repeat(`]`, 1_000_000)), "not a JSON document"},
		"too many values":     {req(`{"k": [` + strings.Join(many, ",") + `]}`), "more than 100000 values"},
		"too large":           {req(`{"k": "` + strings.Repeat("x", 9<<20) + `"}`), "more than the limit of 8388608"},
		"number out of range": {req(`{"k": 1e999999999}`), "number 1e999999999 is out of range"},
	} {
		t.Run(name, func(t *testing.T) {
			dec, err := eng.DecideInput(context.Background(), []byte(c.input))
			require.NoError(t, err)
			assert.False(t, dec.Allowed)
			assert.Contains(t, strings.Join(dec.Errors, "\n"), c.want)
		})
	}
}

// TestHostileInputAmbiguity: a JSON input that two JSON readers can read
// differently is refused, so that a proxy that checks the input and the
// engine that decides it cannot disagree: an object with the same key twice
// (at any depth, also when spelled with escapes; Go's encoding/json keeps
// the last, other readers the first, RFC 8259 §4 leaves it open) and text
// that is not UTF-8 (RFC 8259 §8.1).
func TestHostileInputAmbiguity(t *testing.T) {
	eng := loadCoffee(t)
	for name, c := range map[string]struct{ input, want string }{
		"principal twice": {`{"principal": "arn:aws:iam::111122223333:user/mallory", "principal": "` + owner + `", "action": "register:Refund", "resource": "` + till + `"}`,
			`the key "principal" appears twice`},
		"escaped twice": {`{"principal": "` + owner + `", "action": "register:Refund", "\u0061ction": "register:Sell", "resource": "` + till + `"}`,
			`the key "action" appears twice`},
		"context key twice": {`{"principal": "` + owner + `", "action": "register:Refund", "resource": "` + till + `", "context": {"aws:SourceIp": "10.0.0.1", "aws:SourceIp": "203.0.113.9"}}`,
			`input: context: the key "aws:SourceIp" appears twice`},
		"deep in a session policy": {`{"principal": "` + employee + `", "action": "register:Sell", "resource": "` + till + `", "session": {"role": "` + cashier + `", "name": "e", "policy": {"Statement": [{"Effect": "Allow", "Effect": "Deny"}]}}}`,
			`input: session["policy"]["Statement"][0]: the key "Effect" appears twice`},
		"not UTF-8": {`{"principal": "` + owner + "\xff" + `", "action": "register:Sell", "resource": "` + till + `"}`, "not valid UTF-8"},
	} {
		t.Run(name, func(t *testing.T) {
			dec, err := eng.DecideInput(context.Background(), []byte(c.input))
			require.NoError(t, err)
			assert.False(t, dec.Allowed)
			assert.Equal(t, rego.ImplicitDeny, dec.Decision)
			assert.Contains(t, strings.Join(dec.Errors, "\n"), c.want)
		})
	}
	// The same keys in different objects, and keys that differ only in
	// case, are not duplicates for JSON (condition key names are
	// case-insensitive for IAM, which the core decides).
	dec, err := eng.DecideInput(context.Background(), []byte(`{"principal": "`+owner+`", "action": "register:Refund", "resource": "`+till+`", "context": {"aws:SourceIp": "203.0.113.9", "action": "x"}}`))
	require.NoError(t, err)
	assert.True(t, dec.Allowed, "%+v", dec)
}
