package suite

import (
	"bytes"
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	opa "github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/internal/gen"
	"github.com/iamc/iamc/rego"
)

// TestQuickAgrees decides every request of every example and of the
// conformance suite twice — through data.iamc.decision (which takes the
// lean body of quick.rego when it applies) and through
// data.iamc.core._decision (layers.rego, the reference) — and requires the
// same decision object, for the requests and for malformed variations of
// them.
func TestQuickAgrees(t *testing.T) {
	var compared atomic.Int64
	t.Cleanup(func() { t.Logf("%d requests decided both ways", compared.Load()) })
	for _, dir := range suiteDirs() {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			compareDir(t, dir, &compared)
		})
	}
}

// compareDir compares the two ways for the tests of one project: every
// request, and malformed variations of every fourth one.
func compareDir(t *testing.T, dir string, compared *atomic.Int64) {
	{
		out, _, diags := compiler.Build(dir)
		if diags.HasErrors() {
			return // reported by TestConformance and TestExamples
		}
		cases, _ := Prepare(out)
		// The bundle takes each request's time from the input, so that the
		// prepared queries below decide at the time the test does.
		out.AcceptRequestTime()
		b, err := out.BundleBytes()
		require.NoError(t, err)
		eng, err := rego.Load(context.Background(), rego.FromBytes(b), rego.WithRequestTime())
		require.NoError(t, err)
		fast, general := prepareBoth(t, b)
		now := time.Now().UTC().Truncate(time.Second)
		for i, r := range Run(context.Background(), eng, cases, Options{Now: now}) {
			if r.FailedAssume != "" {
				continue
			}
			tc := r.Test
			at := now
			if tc.Time != "" {
				at, _ = time.Parse(time.RFC3339, tc.Time)
			}
			req := rego.Request{Principal: tc.Principal.Value, Action: tc.Action.Value, Resource: tc.Resource.Value, Context: tc.Context, Time: at}
			if tc.UserSession {
				sessAt := at
				if tc.IssuedAt != "" {
					sessAt, _ = time.Parse(time.RFC3339, tc.IssuedAt)
				}
				req.Session = userSession(tc, sessAt)
			}
			if n := len(r.Assumed); n > 0 {
				req.Session = r.Assumed[n-1]
				req.Principal = req.Session.ARN
			}
			in, err := ast.InterfaceToValue(rego.RequestInput(req))
			require.NoError(t, err)
			got := evalOne(t, fast, in)
			want := evalOne(t, general, in)
			assert.Equal(t, want, got, "%s %s", dir, tc.Name)
			compared.Add(1)
			if i%4 != 0 {
				continue
			}
			// Variations around the request: malformed and unusual inputs
			// must take the same way too.
			for _, v := range variations(req) {
				in, err := ast.InterfaceToValue(v)
				require.NoError(t, err)
				assert.Equal(t, evalOne(t, general, in), evalOne(t, fast, in), "%s %s: %v", dir, tc.Name, v)
				compared.Add(1)
			}
		}
	}
}

func prepareBoth(t *testing.T, b []byte) (opa.PreparedEvalQuery, opa.PreparedEvalQuery) {
	bd, err := bundle.NewReader(bytes.NewReader(b)).Read()
	require.NoError(t, err)
	mods := map[string]*ast.Module{}
	for _, m := range bd.Modules {
		mods[m.Path] = m.Parsed
	}
	c := ast.NewCompiler()
	c.Compile(mods)
	require.False(t, c.Failed(), "%v", c.Errors)
	store := inmem.NewFromObjectWithOpts(bd.Data, inmem.OptRoundTripOnWrite(false), inmem.OptReturnASTValuesOnRead(true))
	prep := func(q string) opa.PreparedEvalQuery {
		pq, err := opa.New(opa.Query(q), opa.Compiler(c), opa.Store(store)).PrepareForEval(context.Background())
		require.NoError(t, err)
		return pq
	}
	return prep("data.iamc.decision"), prep("data.iamc.core._decision")
}

func evalOne(t *testing.T, pq opa.PreparedEvalQuery, in ast.Value) any {
	rs, err := pq.Eval(context.Background(), opa.EvalParsedInput(in))
	require.NoError(t, err)
	require.Len(t, rs, 1)
	return rs[0].Expressions[0].Value
}

// variations returns inputs derived from a request: other spellings of the
// action, malformed actions and resources, contexts with checked keys.
func variations(req rego.Request) []map[string]any {
	base := rego.RequestInput(req)
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for a, b := range base {
			m[a] = b
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	action := req.Action
	svc, name, _ := strings.Cut(action, ":")
	return []map[string]any{
		with("action", strings.ToUpper(action)),
		with("action", name),
		with("action", svc+":"),
		with("action", ":"+name),
		with("action", svc+":"+name+"Extra"),
		with("action", "*"),
		with("action", 42),
		with("action", nil),
		with("resource", "*"),
		with("resource", req.Resource+"/child"),
		with("resource", strings.ToUpper(req.Resource)),
		with("resource", "arn:aws:s3:::other-bucket/key"),
		with("resource", "arn:aws:sqs:us-east-1:999999999999:queue"),
		with("resource", 7),
		with("context", map[string]any{"aws:SourceIp": "not-an-ip"}),
		with("context", map[string]any{"aws:SourceIp": "203.0.113.9", "aws:CurrentTime": "2026-11-26T12:00:00Z"}),
		with("context", "text"),
		with("context", map[string]any{"aws:SourceIp": "203.0.113.9", "AWS:SOURCEIP": "198.51.100.1"}),
		with("context", map[string]any{"aws:SourceIp": "203.0.113.9", "aws:MultiFactorAuthPresent": "maybe"}),
		with("principal", req.Principal+"x"),
		with("principal", nil),
	}
}

// TestQuickTaken: the lean body must answer the common request — the
// differential test alone cannot tell one that silently gives up. The coffee
// shop's users' requests must all take it; of the designed user requests of
// a generated organization (boundaries, SCP levels, conditions), those on
// actions their policy sets name exactly must, and each must get its
// designed decision.
func TestQuickTaken(t *testing.T) {
	ctx := context.Background()
	out, _, diags := compiler.Build("../examples/coffee-shop")
	require.False(t, diags.HasErrors(), "%v", diags)
	b, err := out.BundleBytes()
	require.NoError(t, err)
	quick := prepareQuery(t, b, "data.iamc.core._quick")
	for _, p := range []string{"arn:aws:iam::111122223333:user/owner", "arn:aws:iam::111122223333:user/staff/employee", "arn:aws:iam::111122223333:user/staff/newbie"} {
		for _, a := range []string{"register:Sell", "register:Refund", "menu:ViewMenu", "inventory:CountStock"} {
			in, err := ast.InterfaceToValue(map[string]any{"principal": p, "action": a, "resource": "arn:aws:register:::till/1"})
			require.NoError(t, err)
			rs, err := quick.Eval(ctx, opa.EvalParsedInput(in))
			require.NoError(t, err)
			assert.Len(t, rs, 1, "the lean body gave up on %s %s", p, a)
		}
	}

	org, err := gen.New(gen.Config{Statements: 300, Seed: 7})
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, org.WriteDir(dir))
	out, _, diags = compiler.Build(dir)
	require.False(t, diags.HasErrors(), "%v", diags)
	b, err = out.BundleBytes()
	require.NoError(t, err)
	decide := prepareQuery(t, b, "data.iamc.decision")
	quick = prepareQuery(t, b, "data.iamc.core._quick")
	taken, users := 0, 0
	for _, k := range gen.Kinds {
		reqs, err := org.Requests(k, 8, 7)
		require.NoError(t, err)
		for _, r := range reqs {
			if r.Role != nil {
				continue // role sessions take layers.rego
			}
			users++
			in, err := ast.InterfaceToValue(map[string]any{"principal": r.Principal.ARN(), "action": r.Action, "resource": r.Resource, "context": r.Context()})
			require.NoError(t, err)
			rs, err := quick.Eval(ctx, opa.EvalParsedInput(in))
			require.NoError(t, err)
			if len(rs) == 1 {
				taken++
			}
			dec := evalOne(t, decide, in).(map[string]any)
			assert.Equal(t, r.Expect, dec["decision"], r.String())
		}
	}
	t.Logf("%d of %d designed user requests took the lean body", taken, users)
	assert.Greater(t, taken, users/2, "the lean body gives up on most designed user requests")
}

func prepareQuery(t *testing.T, b []byte, q string) opa.PreparedEvalQuery {
	bd, err := bundle.NewReader(bytes.NewReader(b)).Read()
	require.NoError(t, err)
	mods := map[string]*ast.Module{}
	for _, m := range bd.Modules {
		mods[m.Path] = m.Parsed
	}
	c := ast.NewCompiler()
	c.Compile(mods)
	require.False(t, c.Failed(), "%v", c.Errors)
	pq, err := opa.New(opa.Query(q), opa.Compiler(c), opa.Store(inmem.NewFromObject(bd.Data))).PrepareForEval(context.Background())
	require.NoError(t, err)
	return pq
}
