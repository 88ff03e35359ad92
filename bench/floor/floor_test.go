// Package floor measures iamc's decisions against what OPA allows: its
// cheapest prepared query, and a hand-written Rego decision for the coffee
// shop (floor.rego), in the same run, so that the ratios hold on any machine.
package floor

import (
	"context"
	_ "embed"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	opa "github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

//go:embed floor.rego
var floorRego string

const (
	owner = "arn:aws:iam::111122223333:user/owner"
	till  = "arn:aws:register:::till/1"
)

func prepared(t testing.TB, query, module string) opa.PreparedEvalQuery {
	t.Helper()
	opts := []func(*opa.Rego){opa.Query(query)}
	if module != "" {
		opts = append(opts, opa.Module("floor.rego", module))
	}
	pq, err := opa.New(opts...).PrepareForEval(context.Background())
	require.NoError(t, err)
	return pq
}

func coffeeShop(t testing.TB) *rego.Engine {
	t.Helper()
	out, _, diags := compiler.Build("../../examples/coffee-shop")
	require.False(t, diags.HasErrors(), "%v", diags)
	b, err := out.BundleBytes()
	require.NoError(t, err)
	eng, err := rego.Load(context.Background(), rego.FromBytes(b))
	require.NoError(t, err)
	return eng
}

// TestFloorAgrees: the hand-written floor decides the coffee shop's user
// requests as iamc does, so that it is a fair floor.
func TestFloorAgrees(t *testing.T) {
	eng := coffeeShop(t)
	pq := prepared(t, "data.floor.decision", floorRego)
	ctx := context.Background()
	for _, r := range []struct{ principal, action, resource string }{
		{owner, "register:Refund", till},
		{owner, "menu:EditMenu", "*"},
		{"arn:aws:iam::111122223333:user/staff/employee", "menu:ViewMenu", "*"},
		{"arn:aws:iam::111122223333:user/staff/employee", "register:Sell", till},
		{"arn:aws:iam::111122223333:user/staff/newbie", "menu:ViewMenu", "*"},
	} {
		dec, err := eng.Decide(ctx, rego.Request{Principal: r.principal, Action: r.action, Resource: r.resource})
		require.NoError(t, err)
		in, err := ast.ValueFromReader(strings.NewReader(`{"principal":"` + r.principal + `","action":"` + r.action + `","resource":"` + r.resource + `"}`))
		require.NoError(t, err)
		rs, err := pq.Eval(ctx, opa.EvalParsedInput(in))
		require.NoError(t, err)
		got := rs[0].Expressions[0].Value.(map[string]any)
		require.Equal(t, string(dec.Decision), got["decision"], "%v", r)
		require.Len(t, got["reasons"], len(dec.Reasons), "%v", r)
	}
}

// BenchmarkFloor decides the coffee shop owner's refund (an allow by an
// identity policy) four ways: OPA's cheapest prepared query, the
// hand-written floor, iamc's Decide and iamc's Allowed.
func BenchmarkFloor(b *testing.B) {
	ctx := context.Background()
	in, err := ast.ValueFromReader(strings.NewReader(`{"principal":"` + owner + `","action":"register:Refund","resource":"` + till + `"}`))
	require.NoError(b, err)
	cancel := topdown.NewCancel()
	run := func(pq opa.PreparedEvalQuery) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rs, err := pq.Eval(ctx, opa.EvalParsedInput(in), opa.EvalMetrics(metrics.NoOp()), opa.EvalExternalCancel(cancel))
				if err != nil || len(rs) != 1 {
					b.Fatal(err)
				}
			}
		}
	}
	b.Run("trivial", run(prepared(b, "input.principal", "")))
	b.Run("floor", run(prepared(b, "data.floor.decision", floorRego)))
	eng := coffeeShop(b)
	req := rego.Request{Principal: owner, Action: "register:Refund", Resource: till}
	b.Run("decide", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if d, err := eng.Decide(ctx, req); err != nil || !d.Allowed {
				b.Fatal(d, err)
			}
		}
	})
	b.Run("allowed", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if ok, err := eng.Allowed(ctx, req); err != nil || !ok {
				b.Fatal(ok, err)
			}
		}
	})
}

// BenchmarkRatio runs the trivial query, the floor, Decide and Allowed in
// turn within each iteration, so that a shared machine's load weighs on all
// four alike, and reports each one's time per operation and the ratios the
// design targets (decide/trivial, allowed/trivial, decide/floor).
func BenchmarkRatio(b *testing.B) {
	ctx := context.Background()
	in, err := ast.ValueFromReader(strings.NewReader(`{"principal":"` + owner + `","action":"register:Refund","resource":"` + till + `"}`))
	require.NoError(b, err)
	cancel := topdown.NewCancel()
	trivial := prepared(b, "input.principal", "")
	floor := prepared(b, "data.floor.decision", floorRego)
	eng := coffeeShop(b)
	req := rego.Request{Principal: owner, Action: "register:Refund", Resource: till}
	var spent [4]time.Duration
	timed := func(i int, f func() error) {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		spent[i] += time.Since(start)
	}
	query := func(pq opa.PreparedEvalQuery) func() error {
		return func() error {
			_, err := pq.Eval(ctx, opa.EvalParsedInput(in), opa.EvalMetrics(metrics.NoOp()), opa.EvalExternalCancel(cancel))
			return err
		}
	}
	for b.Loop() {
		timed(0, query(trivial))
		timed(1, query(floor))
		timed(2, func() error { _, err := eng.Decide(ctx, req); return err })
		timed(3, func() error { _, err := eng.Allowed(ctx, req); return err })
	}
	n := float64(b.N)
	per := func(i int) float64 { return float64(spent[i].Nanoseconds()) / n }
	b.ReportMetric(per(0), "trivial-ns/op")
	b.ReportMetric(per(1), "floor-ns/op")
	b.ReportMetric(per(2), "decide-ns/op")
	b.ReportMetric(per(3), "allowed-ns/op")
	b.ReportMetric(per(2)/per(0), "decide/trivial")
	b.ReportMetric(per(3)/per(0), "allowed/trivial")
	b.ReportMetric(per(2)/per(1), "decide/floor")
}

// BenchmarkBatch decides 100 requests of the coffee shop's users in one
// DecideBatch, beside 100 single decisions, and reports the cost of a
// decision each way.
func BenchmarkBatch(b *testing.B) {
	ctx := context.Background()
	eng := coffeeShop(b)
	var reqs []rego.Request
	users := []string{owner, "arn:aws:iam::111122223333:user/staff/employee", "arn:aws:iam::111122223333:user/staff/newbie"}
	actions := []string{"register:Sell", "register:Refund", "menu:ViewMenu", "inventory:CountStock", "menu:EditMenu"}
	for i := 0; len(reqs) < 100; i++ {
		reqs = append(reqs, rego.Request{Principal: users[i%len(users)], Action: actions[i%len(actions)], Resource: till})
	}
	var single, batch time.Duration
	for b.Loop() {
		start := time.Now()
		for _, r := range reqs {
			if _, err := eng.Decide(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
		single += time.Since(start)
		start = time.Now()
		if _, err := eng.DecideBatch(ctx, reqs); err != nil {
			b.Fatal(err)
		}
		batch += time.Since(start)
	}
	n := float64(b.N * len(reqs))
	b.ReportMetric(float64(single.Nanoseconds())/n, "single-ns/decision")
	b.ReportMetric(float64(batch.Nanoseconds())/n, "batch-ns/decision")
	b.ReportMetric(float64(batch)/float64(single), "batch/single")
}
