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
	var n counts
	t.Cleanup(func() {
		t.Logf("%d requests decided both ways, %d of them by the lean body", n.compared.Load(), n.quick.Load())
		// The comparison means something only if the lean body answers a
		// fair share of the requests (most are malformed variations, or
		// conformance cases about what the lean body leaves to the general
		// path: resource policies, session policies, endpoints).
		assert.Greater(t, 10*n.quick.Load(), n.compared.Load(), "the lean body answered too few requests")
	})
	for _, dir := range suiteDirs() {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			compareDir(t, dir, &n)
		})
	}
}

type counts struct{ compared, quick atomic.Int64 }

// compare decides one input both ways and counts it.
func (n *counts) compare(t *testing.T, q queries, in ast.Value, msg ...any) {
	t.Helper()
	assert.Equal(t, evalOne(t, q.general, in), evalOne(t, q.decision, in), msg...)
	n.compared.Add(1)
	if rs, err := q.quick.Eval(context.Background(), opa.EvalParsedInput(in)); err == nil && len(rs) == 1 {
		n.quick.Add(1)
	}
}

// compareDir compares the two ways for the tests of one project: every
// request, and malformed variations of every fourth one.
func compareDir(t *testing.T, dir string, n *counts) {
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
		q := prepareAll(t, b)
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
			if tc.Time == "" && i%2 == 1 {
				req.Time = time.Time{} // the clock's time: no time in the input
			}
			in, err := ast.InterfaceToValue(rego.RequestInput(req))
			require.NoError(t, err)
			n.compare(t, q, in, "%s %s", dir, tc.Name)
			if i%4 != 0 {
				continue
			}
			// Variations around the request: malformed and unusual inputs
			// must take the same way too.
			for _, v := range variations(req) {
				in, err := ast.InterfaceToValue(v)
				require.NoError(t, err)
				n.compare(t, q, in, "%s %s: %v", dir, tc.Name, v)
			}
		}
	}
}

// queries are the decision (which takes the lean body when it applies),
// the general decision, and the lean body's verdict alone.
type queries struct{ decision, general, quick opa.PreparedEvalQuery }

func prepareAll(t *testing.T, b []byte) queries {
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
	return queries{prep("data.iamc.decision"), prep("data.iamc.core._decision"), prep("data.iamc.core._quick_verdict[0]")}
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
	return append([]map[string]any{
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
		with("time", "yesterday"),
	}, sessionVariations(req, with)...)
}

// sessionVariations returns inputs whose session differs from the
// request's: invalid, expired, too long, or carrying what the lean body
// leaves to the general path.
func sessionVariations(req rego.Request, with func(string, any) map[string]any) []map[string]any {
	if req.Session == nil {
		return []map[string]any{
			with("session", map[string]any{"role": "arn:aws:iam::111122223333:role/none", "name": "s"}),
			with("session", "text"),
		}
	}
	at := req.Time
	if at.IsZero() {
		at = time.Now()
	}
	stamp := func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	sess := func(change map[string]any) map[string]any {
		s := rego.RequestInput(rego.Request{Session: req.Session})["session"].(map[string]any)
		for k, v := range change {
			if v == nil {
				delete(s, k)
			} else {
				s[k] = v
			}
		}
		return with("session", s)
	}
	return []map[string]any{
		sess(map[string]any{"expires_at": stamp(at.Add(-time.Minute))}),
		sess(map[string]any{"issued_at": stamp(at.Add(time.Minute))}),
		sess(map[string]any{"issued_at": stamp(at.Add(-40 * time.Hour))}),
		sess(map[string]any{"issued_at": stamp(at.Add(-2 * time.Hour)), "chained": true}),
		sess(map[string]any{"chained": "yes"}),
		sess(map[string]any{"chained": true}),
		sess(map[string]any{"mfa": "true"}),
		sess(map[string]any{"issued_at": "soon"}),
		sess(map[string]any{"expires_at": nil}),
		sess(map[string]any{"name": nil}),
		sess(map[string]any{"name": 7}),
		sess(map[string]any{"role": "arn:aws:iam::111122223333:role/none"}),
		sess(map[string]any{"tags": map[string]any{"team": "a"}}),
		sess(map[string]any{"policy": map[string]any{"Version": "2012-10-17", "Statement": []any{}}}),
		sess(map[string]any{"type": "user"}),
		sess(map[string]any{"type": "federated"}),
		sess(map[string]any{"Policy": "x"}),
		sess(map[string]any{"arn": "arn:aws:sts::111122223333:assumed-role/Other/s"}),
		sess(map[string]any{"source": 7}),
		sess(map[string]any{"source": nil}),
		with("principal", req.Session.Source),
		with("principal", req.Session.Role),
	}
}

// TestQuickTaken: the lean body must answer the common request — the
// differential test alone cannot tell one that silently gives up. The coffee
// shop's users' and Cashier session's requests must all take it; of the
// designed user and role session requests of a generated organization
// (boundaries, SCP levels, conditions), those on actions their policy sets
// name exactly must, and each must get its designed decision.
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
	eng, err := rego.Load(ctx, rego.FromBytes(b))
	require.NoError(t, err)
	sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: "arn:aws:iam::111122223333:user/staff/employee", Role: "arn:aws:iam::111122223333:role/shop/Cashier", MFA: true})
	require.NoError(t, err)
	for _, a := range []string{"register:Sell", "register:Refund", "menu:ViewMenu"} {
		in, err := ast.InterfaceToValue(rego.RequestInput(rego.Request{Principal: sess.ARN, Session: sess, Action: a, Resource: "arn:aws:register:::till/1"}))
		require.NoError(t, err)
		rs, err := quick.Eval(ctx, opa.EvalParsedInput(in))
		require.NoError(t, err)
		assert.Len(t, rs, 1, "the lean body gave up on the Cashier session's %s", a)
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
	eng, err = rego.Load(ctx, rego.FromBytes(b))
	require.NoError(t, err)
	// [taken, asked] for users and for role sessions.
	var users, sessions [2]int
	for _, k := range gen.Kinds {
		reqs, err := org.Requests(k, 8, 7)
		require.NoError(t, err)
		for _, r := range reqs {
			req := rego.Request{Principal: r.Principal.ARN(), Action: r.Action, Resource: r.Resource, Context: r.Context()}
			n := &users
			if r.Role != nil {
				sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: r.Principal.ARN(), Role: r.Role.ARN()})
				require.NoError(t, err, "%s", r)
				req.Session, req.Principal = sess, sess.ARN
				n = &sessions
			}
			in, err := ast.InterfaceToValue(rego.RequestInput(req))
			require.NoError(t, err)
			n[1]++
			rs, err := quick.Eval(ctx, opa.EvalParsedInput(in))
			require.NoError(t, err)
			if len(rs) == 1 {
				n[0]++
			}
			dec := evalOne(t, decide, in).(map[string]any)
			assert.Equal(t, r.Expect, dec["decision"], r.String())
		}
	}
	t.Logf("the lean body took %d of %d designed user requests and %d of %d role session requests", users[0], users[1], sessions[0], sessions[1])
	assert.Greater(t, users[0], users[1]/2, "the lean body gives up on most designed user requests")
	assert.Greater(t, sessions[0], sessions[1]/2, "the lean body gives up on most designed role session requests")
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
