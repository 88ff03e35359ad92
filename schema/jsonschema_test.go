package schema_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/internal/jsonschematest"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/suite"
)

func jsonValue(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var out any
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}

// TestJSONSchemasAgainstDecisions keeps schema/*.schema.json true: every
// decision of every example's and conformance scenario's tests conforms to
// decision.schema.json, and so does the input of every request (or, when
// the schema rejects an input, the engine denied it with a reason).
// e2e/TestSidecarParity does the same with the sidecar's answers.
func TestJSONSchemasAgainstDecisions(t *testing.T) {
	ctx := context.Background()
	v, err := jsonschematest.New(ctx)
	require.NoError(t, err)
	var dirs []string
	examples, _ := filepath.Glob("../examples/*")
	for _, d := range examples {
		if m, _ := filepath.Glob(filepath.Join(d, "*.hcl")); len(m) > 0 {
			dirs = append(dirs, d)
		}
	}
	_ = filepath.WalkDir("../testdata/conformance", func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			if m, _ := filepath.Glob(filepath.Join(p, "*_test.hcl")); len(m) > 0 {
				dirs = append(dirs, p)
			}
		}
		return nil
	})
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	checked := 0
	for _, dir := range dirs {
		out, _, diags := compiler.Build(dir)
		if diags.HasErrors() {
			continue // suite.TestConformance reports it
		}
		cases, diags := suite.Prepare(out)
		if diags.HasErrors() {
			continue
		}
		b, err := out.BundleBytes()
		require.NoError(t, err)
		eng, err := rego.Load(ctx, rego.FromBytes(b))
		require.NoError(t, err)
		for _, r := range suite.Run(ctx, eng, cases, suite.Options{Now: now}) {
			where := dir + ": " + r.Test.Name
			if r.FailedAssume != "" {
				// r.Decision is the test runner's summary of a failed
				// AssumeRole, not a data.iamc.decision value.
				continue
			}
			msgs, err := v.Validate(ctx, "decision", jsonValue(t, r.Decision))
			require.NoError(t, err)
			assert.Empty(t, msgs, "%s: decision %+v", where, r.Decision)
			checked++
			reqCtx := map[string]any{"aws:CurrentTime": now.Format(time.RFC3339)}
			for k, x := range r.Test.Context {
				if strings.EqualFold(k, "aws:CurrentTime") {
					delete(reqCtx, "aws:CurrentTime")
				}
				reqCtx[k] = x
			}
			var sess *rego.Session
			if len(r.Assumed) > 0 {
				sess = r.Assumed[len(r.Assumed)-1]
			}
			input := rego.RequestInput(rego.Request{Principal: r.Test.Principal.Value, Action: r.Test.Action.Value,
				Resource: r.Test.Resource.Value, Context: reqCtx, Session: sess})
			msgs, err = v.Validate(ctx, "decision-input", jsonValue(t, input))
			require.NoError(t, err)
			if len(msgs) > 0 {
				assert.NotEmpty(t, r.Decision.Errors, "%s: the schema rejects an input that was decided without error: %v", where, msgs)
			}
		}
	}
	require.Positive(t, checked)
	t.Logf("%d decisions of %d projects conform", checked, len(dirs))
}

// The schemas reject what the engine rejects, and the engine denies it.
func TestJSONSchemasRejectMalformed(t *testing.T) {
	ctx := context.Background()
	v, err := jsonschematest.New(ctx)
	require.NoError(t, err)
	out, _, diags := compiler.Build("../examples/coffee-shop")
	require.False(t, diags.HasErrors(), "%v", diags)
	b, err := out.BundleBytes()
	require.NoError(t, err)
	eng, err := rego.Load(ctx, rego.FromBytes(b))
	require.NoError(t, err)

	good := `{"principal": "arn:aws:iam::111122223333:user/owner", "action": "register:Refund",
		"resource": "arn:aws:register:::till/1", "context": {"aws:SourceIp": "203.0.113.9", "aws:TagKeys": ["a", "b"]}}`
	var doc any
	require.NoError(t, json.Unmarshal([]byte(good), &doc))
	msgs, err := v.Validate(ctx, "decision-input", doc)
	require.NoError(t, err)
	assert.Empty(t, msgs)

	for name, input := range map[string]string{
		"not an object":        `[1, 2]`,
		"no action":            `{"principal": "arn:aws:iam::111122223333:user/owner", "resource": "*"}`,
		"action not a string":  `{"principal": "arn:aws:iam::111122223333:user/owner", "action": 3, "resource": "*"}`,
		"action without colon": `{"principal": "arn:aws:iam::111122223333:user/owner", "action": "Refund", "resource": "*"}`,
		"no resource":          `{"principal": "arn:aws:iam::111122223333:user/owner", "action": "register:Refund"}`,
		"no principal":         `{"action": "register:Refund", "resource": "*"}`,
		"context not object":   `{"principal": "arn:aws:iam::111122223333:user/owner", "action": "register:Refund", "resource": "*", "context": "x"}`,
		"session without times": `{"principal": "arn:aws:iam::111122223333:user/staff/employee", "action": "register:Sell", "resource": "*",
			"session": {"role": "arn:aws:iam::111122223333:role/shop/Cashier", "name": "employee"}}`,
		"session bad time": `{"principal": "arn:aws:iam::111122223333:user/staff/employee", "action": "register:Sell", "resource": "*",
			"session": {"role": "arn:aws:iam::111122223333:role/shop/Cashier", "name": "employee", "issued_at": "yesterday", "expires_at": "2026-11-26T16:00:00Z"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			var doc any
			require.NoError(t, json.Unmarshal([]byte(input), &doc))
			msgs, err := v.Validate(ctx, "decision-input", doc)
			require.NoError(t, err)
			assert.NotEmpty(t, msgs, "the schema accepts it")
			dec, err := eng.DecideInput(ctx, []byte(input))
			require.NoError(t, err)
			assert.False(t, dec.Allowed)
			if name == "no action" {
				// The core denies a request without an action but gives
				// no reason yet: its "action must be" error is built
				// from input.action, which is undefined then.
				return
			}
			assert.NotEmpty(t, dec.Errors, "the engine denies it with a reason")
		})
	}

	for name, decision := range map[string]string{
		"allowed but a deny":    `{"allowed": true, "decision": "implicit_deny", "reasons": [], "layers": {"scp": "absent", "boundary": "absent", "identity": "absent", "resource": "absent", "session": "absent"}, "missing_context": [], "errors": []}`,
		"allowed with errors":   `{"allowed": true, "decision": "allow", "reasons": [], "layers": {"scp": "absent", "boundary": "absent", "identity": "allow", "resource": "absent", "session": "absent"}, "missing_context": [], "errors": ["x"]}`,
		"unknown verdict":       `{"allowed": false, "decision": "implicit_deny", "reasons": [], "layers": {"scp": "maybe", "boundary": "absent", "identity": "absent", "resource": "absent", "session": "absent"}, "missing_context": [], "errors": []}`,
		"missing layers":        `{"allowed": false, "decision": "implicit_deny", "reasons": [], "missing_context": [], "errors": []}`,
		"extra field":           `{"allowed": false, "decision": "implicit_deny", "reasons": [], "layers": {"scp": "absent", "boundary": "absent", "identity": "absent", "resource": "absent", "session": "absent"}, "missing_context": [], "errors": [], "debug": 1}`,
		"reason without source": `{"allowed": false, "decision": "explicit_deny", "reasons": [{"layer": "identity", "policy": "policy.x", "statement": "S", "effect": "Deny"}], "layers": {"scp": "absent", "boundary": "absent", "identity": "deny", "resource": "absent", "session": "absent"}, "missing_context": [], "errors": []}`,
	} {
		t.Run(name, func(t *testing.T) {
			var doc any
			require.NoError(t, json.Unmarshal([]byte(decision), &doc))
			msgs, err := v.Validate(ctx, "decision", doc)
			require.NoError(t, err)
			assert.NotEmpty(t, msgs, "the schema accepts a malformed decision")
		})
	}
}
