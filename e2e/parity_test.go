package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
	"github.com/iamc/iamc/suite"
)

// projects lists every example and every conformance scenario: directories
// with *.hcl files (examples) or with *_test.hcl suites (conformance).
// Whatever is there when the test runs is picked up.
func projects(t *testing.T) []string {
	t.Helper()
	var dirs []string
	examples, err := filepath.Glob("../examples/*")
	require.NoError(t, err)
	for _, d := range examples {
		if m, _ := filepath.Glob(filepath.Join(d, "*.hcl")); len(m) > 0 {
			dirs = append(dirs, d)
		}
	}
	err = filepath.WalkDir("../testdata/conformance", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if m, _ := filepath.Glob(filepath.Join(p, "*_test.hcl")); len(m) > 0 {
				dirs = append(dirs, p)
			}
		}
		return nil
	})
	require.NoError(t, err)
	sort.Strings(dirs)
	return dirs
}

// TestSidecarParity decides every test case of every example and of the
// conformance suite with the embedded engine and with a real OPA sidecar
// running the same bundle, and asserts that the decision objects are equal.
// Sessions are created as the test runner creates them (AssumeRole,
// GetFederationToken), and the sidecar is asked for them too: a denied
// AssumeRole is compared as a decision, a granted one by the session it
// makes. Every input and every decision is also checked against the JSON
// Schemas in schema/.
func TestSidecarParity(t *testing.T) {
	dirs := projects(t)
	require.NotEmpty(t, dirs)
	v := newSchemaValidator(t)
	var decisions, sessions, cases, ran atomic.Int64
	start := time.Now()
	for _, dir := range dirs {
		name := strings.TrimPrefix(strings.TrimPrefix(dir, "../"), "testdata/")
		t.Run(name, func(t *testing.T) {
			ran.Add(1)
			n, s, c := parityDir(t, dir, v)
			decisions.Add(n)
			sessions.Add(s)
			cases.Add(c)
		})
	}
	t.Logf("%d projects, %d test cases: %d decisions and %d sessions compared between the embedded engine and the OPA sidecar in %s",
		ran.Load(), cases.Load(), decisions.Load(), sessions.Load(), time.Since(start).Round(time.Millisecond))
	// A project without test cases would make this test pass vacuously.
	require.Positive(t, decisions.Load())
}

// parityDir runs one project's cases; it returns the number of decisions
// compared, of sessions compared, and of cases.
func parityDir(t *testing.T, dir string, v *schemaValidator) (decisions, sessions, ncases int64) {
	out, p, diags := compiler.Build(dir)
	if diags.HasErrors() {
		var b strings.Builder
		_ = schema.DiagWriter{Sources: p.Sources, Prefix: dir}.Write(&b, diags)
		t.Fatalf("%s does not compile:\n%s", dir, b.String())
	}
	cases, diags := suite.Prepare(out)
	require.False(t, diags.HasErrors(), "%s", diags)
	if len(cases) == 0 {
		t.Fatalf("%s has no test cases", dir)
	}
	// Both sides take each request's time from the request: the sidecar
	// from input.time (a bundle built to replay requests), the engine
	// through WithRequestTime.
	out.AcceptRequestTime()
	bundle, err := out.BundleBytes()
	require.NoError(t, err)
	file := filepath.Join(t.TempDir(), "bundle.tar.gz")
	require.NoError(t, os.WriteFile(file, bundle, 0o644))

	ctx := context.Background()
	eng, err := rego.Load(ctx, rego.FromBytes(bundle), rego.WithRequestTime())
	require.NoError(t, err)
	opa := startOPA(t, "opa "+dir, "--bundle", file)

	// The request time of cases that set none: fixed, so that sessions the
	// engine and the sidecar create are issued at the same instant.
	now := time.Now().UTC().Truncate(time.Second)
	var nd, ns atomic.Int64
	work := make(chan *suite.Case)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0)+1; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				d, s := parityCase(t, ctx, eng, opa, c, now, v)
				nd.Add(d)
				ns.Add(s)
			}
		}()
	}
	for _, c := range cases {
		work <- c
	}
	close(work)
	wg.Wait()
	return nd.Load(), ns.Load(), int64(len(cases))
}

// parityCase makes a case's sessions and request, as suite.Run does, on
// both sides. It runs on a worker goroutine: it reports with assert (never
// require, whose FailNow must run on the test's goroutine) and returns.
func parityCase(t *testing.T, ctx context.Context, eng *rego.Engine, opa *sidecar, c *suite.Case, now time.Time, v *schemaValidator) (decisions, sessions int64) {
	tc := c.Test
	where := fmt.Sprintf("%s (%s)", tc.Name, tc.DeclRange)
	reqCtx := tc.Context
	at := now
	if tc.Time != "" {
		at, _ = time.Parse(time.RFC3339, tc.Time)
	}
	sessAt := at
	if tc.IssuedAt != "" {
		sessAt, _ = time.Parse(time.RFC3339, tc.IssuedAt)
	}
	sessionCtx := tc.AssumeContext
	var sessionPolicy map[string]any
	if tc.SessionPolicy != nil {
		if !assert.NoError(t, json.Unmarshal(compiler.DocumentJSON(tc.SessionPolicy), &sessionPolicy), where) {
			return 0, 0
		}
	}

	var sess *rego.Session
	if tc.UserSession {
		d := tc.Duration
		if d == 0 {
			d = 12 * time.Hour
		}
		sess = &rego.Session{Type: "user", MFA: tc.MFA, IssuedAt: sessAt, ExpiresAt: sessAt.Add(d)}
	}
	if tc.Federated {
		fr := rego.FederationRequest{Principal: tc.Principal.Value, Name: tc.SessionName, Policy: sessionPolicy,
			Duration: tc.Duration, Context: sessionCtx, Time: sessAt}
		got, err := eng.GetFederationToken(ctx, fr)
		sessions++
		if !sameSession(t, ctx, opa, v, "iamc/federate", rego.FederationInput(fr), got, err, where+": GetFederationToken") {
			return decisions, sessions
		}
		sess = got
	}
	for i, role := range tc.Assume {
		ar := rego.AssumeRoleRequest{Principal: tc.Principal.Value, Role: role.Value, MFA: tc.MFA && i == 0,
			Duration: tc.Duration, Session: sess, Context: sessionCtx, Time: sessAt}
		if i == len(tc.Assume)-1 {
			ar.SessionName = tc.SessionName
			ar.Policy = sessionPolicy
			ar.Tags = tc.SessionTags
		}
		got, err := eng.AssumeRole(ctx, ar)
		sessions++
		if !sameSession(t, ctx, opa, v, "iamc/assume", rego.AssumeRoleInput(ar), got, err, where+": AssumeRole "+role.Value) {
			return decisions, sessions
		}
		sess = got
	}

	req := rego.Request{Principal: tc.Principal.Value, Action: tc.Action.Value, Resource: tc.Resource.Value,
		Context: reqCtx, Session: sess, Time: at}
	want, err := eng.Decide(ctx, req)
	if !assert.NoError(t, err, where) {
		return decisions, sessions
	}
	input := rego.RequestInput(req)
	got, ok, err := opa.query(ctx, "iamc/decision", input)
	if !assert.NoError(t, err, where) || !assert.True(t, ok, "%s: the sidecar's data.iamc.decision is undefined", where) {
		return decisions, sessions
	}
	assert.Equal(t, toJSONValue(t, want), got, "%s: sidecar and embedded decisions differ", where)
	if msgs := v.violations(t, "decision", got); len(msgs) > 0 {
		t.Errorf("%s: the decision does not conform to schema/decision.schema.json: %v\n%v", where, msgs, got)
	}
	// An input the schema rejects must be denied with a reason; one it
	// accepts may still be denied (an unknown principal, an expired
	// session).
	if msgs := v.violations(t, "decision-input", toJSONValue(t, input)); len(msgs) > 0 && len(want.Errors) == 0 {
		t.Errorf("%s: schema/decision-input.schema.json rejects an input that was decided without error: %v\n%v", where, msgs, input)
	}

	// data.iamc.allow agrees with the decision.
	allow, ok, err := opa.query(ctx, "iamc/allow", input)
	assert.NoError(t, err, where)
	assert.True(t, ok, where)
	assert.Equal(t, want.Allowed, allow, "%s: data.iamc.allow", where)
	return decisions + 1, sessions
}

// sameSession compares the engine's AssumeRole or GetFederationToken with
// the sidecar's answer to the same input. It reports whether a session was
// made (so that the case goes on).
func sameSession(t *testing.T, ctx context.Context, opa *sidecar, v *schemaValidator, path string, input map[string]any, got *rego.Session, err error, where string) bool {
	res, ok, qerr := opa.query(ctx, path, input)
	if !assert.NoError(t, qerr, where) || !assert.True(t, ok, "%s: the sidecar's data.%s is undefined", where, strings.ReplaceAll(path, "/", ".")) {
		return false
	}
	side, _ := res.(map[string]any)
	var denied *rego.AssumeRoleError
	switch {
	case errors.As(err, &denied):
		assert.Equal(t, false, side["allowed"], "%s: the engine denied, the sidecar did not", where)
		assert.Equal(t, toJSONValue(t, denied.Decision), side["decision"], "%s: sidecar and embedded decisions differ", where)
		assert.Equal(t, toJSONValue(t, denied.Errors), sortedStrings(side["errors"]), "%s: errors differ", where)
		if msgs := v.violations(t, "decision", side["decision"]); len(msgs) > 0 {
			t.Errorf("%s: the sidecar's decision does not conform to schema/decision.schema.json: %v\n%v", where, msgs, side["decision"])
		}
		return false
	case err != nil:
		t.Errorf("%s: %v", where, err)
		return false
	}
	if !assert.Equal(t, true, side["allowed"], "%s: the engine made a session, the sidecar did not: %v", where, side) {
		return false
	}
	var sideSession rego.Session
	b, _ := json.Marshal(side["session"])
	if !assert.NoError(t, json.Unmarshal(b, &sideSession), where) {
		return false
	}
	assert.Equal(t, toJSONValue(t, got), toJSONValue(t, &sideSession), "%s: sessions differ", where)
	return true
}

func sortedStrings(v any) any {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		s, _ := x.(string)
		out = append(out, s)
	}
	sort.Strings(out)
	b, _ := json.Marshal(out)
	var v2 any
	_ = json.Unmarshal(b, &v2)
	return v2
}
