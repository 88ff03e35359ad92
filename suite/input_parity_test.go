package suite

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// TestGoAndJSONInputAgree decides every request of every example and of the
// conformance suite through the Go API (Decide) and through the JSON input
// a sidecar receives (DecideInput of json.Marshal(RequestInput(req))), and
// requires the same decision: an embedding service and a sidecar given the
// same request must not disagree (docs/design.md: one decision contract).
// Requests from a session are decided also without a principal, which the
// input may leave out (schema/decision-input.schema.json): the decision must
// be the same as with it.
func TestGoAndJSONInputAgree(t *testing.T) {
	var compared atomic.Int64
	for _, dir := range suiteDirs() {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			out, _, diags := compiler.Build(dir)
			if diags.HasErrors() {
				return // reported by TestConformance and TestExamples
			}
			cases, _ := Prepare(out)
			b, err := out.BundleBytes()
			require.NoError(t, err)
			ctx := context.Background()
			eng, err := rego.Load(ctx, rego.FromBytes(b))
			require.NoError(t, err)
			same := func(req rego.Request, what string) rego.Decision {
				t.Helper()
				viaGo, err := eng.Decide(ctx, req)
				require.NoError(t, err)
				doc, err := json.Marshal(rego.RequestInput(req))
				require.NoError(t, err)
				viaJSON, err := eng.DecideInput(ctx, doc)
				require.NoError(t, err)
				assert.Equal(t, viaJSON, viaGo, "%s: %s\n%s", dir, what, doc)
				compared.Add(1)
				return viaGo
			}
			for _, r := range Run(ctx, eng, cases, Options{}) {
				if r.FailedAssume != "" {
					continue
				}
				tc := r.Test
				req := rego.Request{Principal: tc.Principal.Value, Action: tc.Action.Value, Resource: tc.Resource.Value, Context: tc.Context}
				if n := len(r.Assumed); n > 0 {
					req.Session = r.Assumed[n-1]
					req.Principal = req.Session.ARN
				}
				dec := same(req, tc.Name)
				if req.Session != nil {
					// The principal of a request from a session may be
					// left out: the session says who acts.
					anon := req
					anon.Principal = ""
					assert.Equal(t, dec, same(anon, tc.Name+" (no principal)"), "%s: %s without a principal", dir, tc.Name)
				}
			}
		})
	}
	t.Cleanup(func() {
		t.Logf("%d requests decided through Go values and through JSON", compared.Load())
		if !t.Failed() && compared.Load() == 0 {
			t.Error("no request was compared")
		}
	})
}

// suiteDirs lists the examples and the conformance scenarios that have
// *_test.hcl suites.
func suiteDirs() []string {
	var dirs []string
	examples, _ := filepath.Glob("../examples/*")
	_ = filepath.WalkDir("../testdata/conformance", func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			examples = append(examples, p)
		}
		return nil
	})
	for _, dir := range examples {
		if m, _ := filepath.Glob(filepath.Join(dir, "*_test.hcl")); len(m) > 0 {
			dirs = append(dirs, dir)
		}
	}
	return dirs
}
