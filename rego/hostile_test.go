package rego_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/rego"
)

// HostileInputs are decision inputs that must be denied with the reason in
// errors, and never returned as an error a caller might mistake for an
// allow (docs/design.md, the decision contract). The same documents, posted to an OPA sidecar, must
// give the same decisions.
var HostileInputs = map[string]struct {
	input string
	want  string // a substring of one of the errors
}{
	"empty object":         {`{}`, "principal is missing"},
	"null action":          {`{"principal": "` + owner + `", "action": null, "resource": "` + till + `"}`, "action is missing"},
	"missing resource":     {`{"principal": "` + owner + `", "action": "register:Sell"}`, "resource must be a non-empty string"},
	"principal not string": {`{"principal": 42, "action": "register:Sell", "resource": "` + till + `"}`, "principal must be a string"},
	"action not string":    {`{"principal": "` + owner + `", "action": ["register:Sell"], "resource": "` + till + `"}`, "action must be"},
	"action without colon": {`{"principal": "` + owner + `", "action": "registerSell", "resource": "` + till + `"}`, "action must be"},
	"resource object":      {`{"principal": "` + owner + `", "action": "register:Sell", "resource": {"arn": "` + till + `"}}`, "resource must be a non-empty string"},
	"context not object":   {`{"principal": "` + owner + `", "action": "register:Sell", "resource": "` + till + `", "context": "x"}`, "context must be an object"},
	"bad context value":    {`{"principal": "` + owner + `", "action": "register:Sell", "resource": "` + till + `", "context": {"aws:SourceIp": "not an ip"}}`, "aws:SourceIp must be an IP address"},
	"session not object":   {`{"principal": "` + employee + `", "action": "register:Sell", "resource": "` + till + `", "session": "Cashier"}`, "session must be an object"},
	"unknown principal":    {`{"principal": "arn:aws:iam::111122223333:user/mallory", "action": "register:Sell", "resource": "` + till + `"}`, "unknown principal"},
	"huge principal":       {`{"principal": "` + strings.Repeat("A", 1<<20) + `", "action": "register:Sell", "resource": "` + till + `"}`, "unknown principal"},
	"huge action":          {`{"principal": "` + owner + `", "action": "register:` + strings.Repeat("x", 1<<20) + `", "resource": "` + till + `"}`, "unknown action"},
	"array":                {`[]`, "input must be an object"},
	"null":                 {`null`, "input must be an object"},
	"string":               {`"allow"`, "input must be an object"},
	"not JSON":             {`{"principal":`, "not a JSON document"},
	"empty":                {``, "input"},
	"deeply nested":        {strings.Repeat(`{"a":`, 20000) + `1` + strings.Repeat(`}`, 20000), "input"},
}

func TestDecideHostileInput(t *testing.T) {
	eng := loadCoffee(t)
	for name, c := range HostileInputs {
		t.Run(name, func(t *testing.T) {
			dec, err := eng.DecideInput(context.Background(), []byte(c.input))
			require.NoError(t, err, "a bad request is a deny, not an error")
			assert.False(t, dec.Allowed)
			assert.Equal(t, rego.ImplicitDeny, dec.Decision)
			require.NotEmpty(t, dec.Errors)
			assert.Contains(t, strings.Join(dec.Errors, "\n"), c.want)
		})
	}
}

// The Go API: values that cannot be encoded, huge strings and unknown
// principals are denied with the reason.
func TestDecideHostileRequest(t *testing.T) {
	eng := loadCoffee(t)
	for name, req := range map[string]rego.Request{
		"unencodable context": {Principal: owner, Action: "register:Sell", Resource: till, Context: map[string]any{"k": make(chan int)}},
		"unknown principal":   {Principal: "arn:aws:iam::111122223333:user/mallory", Action: "register:Sell", Resource: till},
		"huge strings":        {Principal: strings.Repeat("p", 1<<20), Action: strings.Repeat("a", 1<<20), Resource: strings.Repeat("r", 1<<20)},
		"nothing":             {},
		"expired session": {Principal: employee, Action: "register:Sell", Resource: till,
			Session: &rego.Session{Role: cashier, Name: "employee", Source: employee, MFA: true}},
	} {
		t.Run(name, func(t *testing.T) {
			dec, err := eng.Decide(context.Background(), req)
			require.NoError(t, err)
			assert.False(t, dec.Allowed)
			assert.NotEmpty(t, dec.Errors)
		})
	}
}
