package rego_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/rego"
)

// Regressions in the Rego core (rego/core/*.rego), found by FuzzDecideInput
// and the hostile-input table. The decision contract (docs/design.md):
// anything malformed denies with the reason in errors; a JSON null stands for an absent optional field, as
// the core already treats "context": null.
func TestCoreHostileInputRegressions(t *testing.T) {
	eng := loadCoffee(t)
	ctx := context.Background()
	decide := func(input string) rego.Decision {
		t.Helper()
		dec, err := eng.DecideInput(ctx, []byte(input))
		require.NoError(t, err)
		return dec
	}

	t.Run("missing action has a reason", func(t *testing.T) {
		// errors.rego formats the message with input.action, which is
		// undefined here, so the rule produces nothing.
		dec := decide(`{"principal": "` + owner + `", "resource": "` + till + `"}`)
		assert.False(t, dec.Allowed)
		assert.NotEmpty(t, dec.Errors, "a request without an action is denied with the reason")
	})

	t.Run("empty resource is malformed", func(t *testing.T) {
		// The owner's "Resource": "*" matches the empty string.
		dec := decide(`{"principal": "` + owner + `", "action": "register:Sell", "resource": ""}`)
		assert.False(t, dec.Allowed, "a resource is an ARN or \"*\", not empty")
		assert.NotEmpty(t, dec.Errors)
	})

	t.Run("null session is no session", func(t *testing.T) {
		without := decide(`{"principal": "` + owner + `", "action": "register:Sell", "resource": "` + till + `"}`)
		require.True(t, without.Allowed)
		dec := decide(`{"principal": "` + owner + `", "action": "register:Sell", "resource": "` + till + `", "session": null}`)
		assert.Empty(t, dec.Errors, "session: null is reported as an unknown principal")
		assert.Equal(t, without.Decision, dec.Decision)
	})
}
