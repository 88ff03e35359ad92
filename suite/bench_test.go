package suite

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// table10k is a suite of 10,000 cases over the coffee shop, written as a
// team writes a large table: four blocks of 2,500 rows each (role sessions
// with MFA, the guardrail Deny, direct user requests, a user with nothing).
// HCL's range() stops at 1,024 values, hence the 50 × 50.
const table10k = `
test "cashier" {
  for_each  = merge([for a in range(50) : { for b in range(50) : "till-${a * 50 + b}" => a * 50 + b }]...)
  principal = user.employee
  assume    = role.Cashier
  mfa       = true
  action    = element(["register:Sell", "register:OpenDrawer", "register:ViewSales", "register:Refund"], each.value)
  resource  = "arn:aws:register:::till/${each.value}"
  expect    = each.value % 4 == 3 ? "explicit_deny" : "allow"
}

test "stock room" {
  for_each  = merge([for a in range(50) : { for b in range(50) : "item-${a * 50 + b}" => a * 50 + b }]...)
  principal = user.employee
  assume    = role.Inventory
  mfa       = true
  action    = element(["inventory:ViewStock", "inventory:CountStock", "inventory:DeleteItem", "register:Sell"], each.value)
  resource  = each.value % 4 == 3 ? "arn:aws:register:::till/1" : "arn:aws:inventory:::stock/item-${each.value}"
  expect    = element(["allow", "allow", "explicit_deny", "implicit_deny"], each.value)
}

test "owner" {
  for_each  = merge([for a in range(50) : { for b in range(50) : "owner-${a * 50 + b}" => a * 50 + b }]...)
  principal = user.owner
  action    = element(["register:Refund", "inventory:DeleteItem", "menu:EditMenu"], each.value)
  resource  = "*"
  context   = { "aws:SourceIp" = "203.0.113.${each.value % 250}" }
  expect    = "allow"
}

test "newbie" {
  for_each  = merge([for a in range(50) : { for b in range(50) : "newbie-${a * 50 + b}" => a * 50 + b }]...)
  principal = user.newbie
  action    = element(["register:Sell", "menu:ViewMenu", "inventory:ViewStock"], each.value)
  resource  = "*"
  expect    = "implicit_deny"
}
`

// project10k writes the coffee shop with the 10,000-case suite into a
// temporary directory.
func project10k(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	for _, f := range []string{"people.hcl", "roles.hcl", "policies.hcl", "owner.json"} {
		src, err := os.ReadFile(filepath.Join("../examples/coffee-shop", f))
		require.NoError(b, err)
		require.NoError(b, os.WriteFile(filepath.Join(dir, f), src, 0o644))
	}
	require.NoError(b, os.WriteFile(filepath.Join(dir, "table_test.hcl"), []byte(table10k), 0o644))
	return dir
}

// BenchmarkSuite10k measures iamc test on 10,000 cases.
//
//	end-to-end  RunDir: compile the project and its suite once, load the
//	            engine, run every case (what iamc test costs)
//	run         Run alone, the engine loaded
//	coverage    Run with Options.Coverage (one Matched query more per request)
//	decide      the engine's Decide on the same 10,000 requests, sessions
//	            made beforehand, on as many goroutines: the floor the runner
//	            cannot go under
//
// Run with: go test -run '^$' -bench Suite10k -benchtime 1x ./suite/
//
// 2-core AMD EPYC, OPA v1.22.3, the Rego core of this commit:
//
//	BenchmarkSuite10k/end-to-end   1  4.9 s/op   (0.49 ms/case)
//	BenchmarkSuite10k/run          1  4.3 s/op   (0.43 ms/case)
//	BenchmarkSuite10k/coverage     1  8.4 s/op   (0.84 ms/case)
//	BenchmarkSuite10k/decide       1  4.2 s/op   (0.42 ms/case)
//
// The runner adds about 2% to the engine's decisions; the decision itself
// is the cost, and the 2-second target waits on a faster Rego core.
func BenchmarkSuite10k(b *testing.B) {
	ctx := context.Background()
	dir := project10k(b)
	b.Run("end-to-end", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rep, _, diags, err := RunDir(ctx, dir, Options{}, nil)
			require.NoError(b, err)
			require.False(b, diags.HasErrors(), "%v", diags)
			requireAllPassed(b, rep.Results)
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/10000, "ms/case")
	})

	out, _, diags := compiler.Build(dir)
	require.False(b, diags.HasErrors(), "%v", diags)
	cases, diags := Prepare(out)
	require.False(b, diags.HasErrors(), "%v", diags)
	require.Len(b, cases, 10000)
	bundle, err := out.BundleBytes()
	require.NoError(b, err)
	eng, err := rego.Load(ctx, rego.FromBytes(bundle))
	require.NoError(b, err)

	for _, cov := range []bool{false, true} {
		name := "run"
		if cov {
			name = "coverage"
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				requireAllPassed(b, Run(ctx, eng, cases, Options{Coverage: cov}))
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/10000, "ms/case")
		})
	}

	b.Run("decide", func(b *testing.B) {
		// The same requests, sessions made once beforehand.
		sessions := map[string]*rego.Session{}
		reqs := make([]rego.Request, len(cases))
		for i, c := range cases {
			t := c.Test
			var sess *rego.Session
			if len(t.Assume) == 1 {
				role := t.Assume[0].Value
				if sessions[role] == nil {
					s, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: t.Principal.Value, Role: role, MFA: t.MFA})
					require.NoError(b, err)
					sessions[role] = s
				}
				sess = sessions[role]
			}
			reqs[i] = rego.Request{Principal: t.Principal.Value, Action: t.Action.Value, Resource: t.Resource.Value, Context: t.Context, Session: sess}
		}
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			decideParallel(ctx, b, eng, reqs)
		}
		b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/10000, "ms/case")
	})
}

func decideParallel(ctx context.Context, b *testing.B, eng *rego.Engine, reqs []rego.Request) {
	workers := runtime.GOMAXPROCS(0)
	done := make(chan error, workers)
	for w := 0; w < workers; w++ {
		go func(w int) {
			for i := w; i < len(reqs); i += workers {
				if _, err := eng.Decide(ctx, reqs[i]); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}(w)
	}
	for w := 0; w < workers; w++ {
		require.NoError(b, <-done)
	}
}

func requireAllPassed(b *testing.B, results []Result) {
	b.Helper()
	require.Len(b, results, 10000)
	for _, r := range results {
		if !r.Passed {
			b.Fatalf("%s: %v", r.Test.Name, r.Failures)
		}
	}
}
