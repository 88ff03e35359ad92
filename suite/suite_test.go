package suite

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
)

// runDir compiles a project directory and runs its suites.
func runDir(t *testing.T, dir string) []Result {
	t.Helper()
	out, p, diags := compiler.Build(dir)
	if diags.HasErrors() {
		var b []byte
		w := schema.DiagWriter{Sources: p.Sources, Prefix: dir}
		for _, d := range diags {
			b = append(b, w.Format(d)...)
		}
		t.Fatalf("%s does not compile:\n%s", dir, b)
	}
	cases, diags := Prepare(out)
	require.False(t, diags.HasErrors(), "%s", diags)
	bundle, err := out.BundleBytes()
	require.NoError(t, err)
	eng, err := rego.Load(context.Background(), rego.FromBytes(bundle), rego.WithRequestTime())
	require.NoError(t, err)
	return Run(context.Background(), eng, cases, Options{})
}

// TestExamples runs the suites of every example: each must have tests, and
// all of them must pass.
func TestExamples(t *testing.T) {
	dirs, err := filepath.Glob("../examples/*")
	require.NoError(t, err)
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		if hcl, _ := filepath.Glob(filepath.Join(dir, "*.hcl")); len(hcl) == 0 {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			results := runDir(t, dir)
			require.NotEmpty(t, results, "example %s has no tests", dir)
			for _, r := range results {
				if !r.Passed {
					t.Errorf("%s (%s): %v; decision %+v", r.Test.Name, r.Test.DeclRange, r.Failures, r.Decision)
				}
			}
		})
	}
}

// prepareDir compiles a project and returns its cases and a loaded engine.
func prepareDir(t *testing.T, dir string) (*compiler.Output, []*Case, *rego.Engine) {
	t.Helper()
	out, _, diags := compiler.Build(dir)
	require.False(t, diags.HasErrors(), "%s", diags)
	cases, diags := Prepare(out)
	require.False(t, diags.HasErrors(), "%s", diags)
	b, err := out.BundleBytes()
	require.NoError(t, err)
	eng, err := rego.Load(context.Background(), rego.FromBytes(b), rego.WithRequestTime())
	require.NoError(t, err)
	return out, cases, eng
}

// Sessions are shared between the tests of a run: the results must be those
// of each test run on its own.
func TestRunSharesSessions(t *testing.T) {
	_, cases, eng := prepareDir(t, "../examples/coffee-shop")
	ctx := context.Background()
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	together := Run(ctx, eng, cases, Options{Now: now, Coverage: true})
	for i, c := range cases {
		alone := Run(ctx, eng, []*Case{c}, Options{Now: now, Coverage: true})[0]
		got := together[i]
		assert.Equal(t, alone.Passed, got.Passed, c.Test.Name)
		assert.Equal(t, alone.Decision, got.Decision, c.Test.Name)
		assert.Equal(t, alone.FailedAssume, got.FailedAssume, c.Test.Name)
		assert.Equal(t, alone.Matched, got.Matched, c.Test.Name)
		require.Equal(t, len(alone.Assumed), len(got.Assumed), c.Test.Name)
		for j := range alone.Assumed {
			assert.Equal(t, *alone.Assumed[j], *got.Assumed[j], c.Test.Name)
		}
	}
}

// Many tests at once, sharing sessions, with coverage (run under -race by
// make test).
func TestRunConcurrent(t *testing.T) {
	_, cases, eng := prepareDir(t, "../examples/coffee-shop")
	var many []*Case
	for i := 0; i < 5; i++ {
		many = append(many, cases...)
	}
	results := Run(context.Background(), eng, many, Options{Parallel: 8, Coverage: true})
	require.Len(t, results, len(many))
	for i, r := range results {
		assert.Same(t, many[i].Test, r.Test, "results keep the order of the cases")
		assert.True(t, r.Passed, "%s: %v", r.Test.Name, r.Failures)
	}
}

func TestFilter(t *testing.T) {
	_, cases, _ := prepareDir(t, "../examples/coffee-shop")
	assert.Equal(t, cases, filterCases(cases, nil))
	got := filterCases(cases, regexp.MustCompile(`^a new user has no access\[`))
	var names []string
	for _, c := range got {
		names = append(names, c.Test.Name)
	}
	assert.Equal(t, []string{"a new user has no access[menu]", "a new user has no access[sell]", "a new user has no access[stock]"}, names)
	assert.Empty(t, filterCases(cases, regexp.MustCompile(`nothing matches this`)))
}

// Coverage by hand: a statement is covered when it applied to a request of
// a test (action, resource, principal and conditions), the AssumeRole step
// included.
func TestCoverage(t *testing.T) {
	out, cases, eng := prepareDir(t, "../examples/coffee-shop")
	byName := map[string]*Case{}
	for _, c := range cases {
		byName[c.Test.Name] = c
	}
	covered := func(names ...string) []string {
		var sel []*Case
		for _, n := range names {
			require.Contains(t, byName, n)
			sel = append(sel, byName[n])
		}
		cov := computeCoverage(out.Statements, Run(context.Background(), eng, sel, Options{Coverage: true}))
		assert.Equal(t, 7, cov.Total)
		var refs []string
		for _, s := range cov.Statements {
			if s.Tests > 0 {
				refs = append(refs, s.Ref())
			}
		}
		sort.Strings(refs)
		assert.Equal(t, len(refs), cov.Covered)
		return refs
	}
	// The owner's JSON policy allows register:*.
	assert.Equal(t, []string{"policy.owner.statement.RunTheShop"}, covered("the owner refunds"))
	// The Cashier is assumed with MFA (its trust statement applies), then
	// register:Refund meets the guardrail; UseRegister does not list Refund.
	assert.Equal(t, []string{"policy.guardrails.statement.NoRefunds", "role.Cashier.trust.statement.EmployeeWithMFA"},
		covered("even the Cashier cannot refund"))
	// Without MFA the trust statement's condition fails: nothing applied.
	assert.Empty(t, covered("roles need MFA[Cashier]"))
	// A user with no policy matches nothing.
	assert.Empty(t, covered("a new user has no access[sell]"))
}

// Uncovered statements come first, Deny before Allow, then by position.
func TestCoverageOrder(t *testing.T) {
	at := func(line int) hcl.Range {
		return hcl.Range{Filename: "p.hcl", Start: hcl.Pos{Line: line, Column: 3}}
	}
	sts := []compiler.StatementInfo{
		{Policy: "policy.a", Sid: "AllowCovered", Effect: "Allow", Range: at(1)},
		{Policy: "policy.a", Sid: "AllowBare", Effect: "Allow", Range: at(2)},
		{Policy: "policy.a", Sid: "DenyBare", Effect: "Deny", Range: at(3)},
		{Policy: "policy.a", Sid: "DenyCovered", Effect: "Deny", Range: at(4)},
		{Policy: "scp.FullAWSAccess", Sid: "FullAWSAccess", Effect: "Allow", Range: hcl.Range{Filename: compiler.DefaultSource}}, // implicit: not listed
	}
	results := []Result{
		{Matched: []string{"policy.a.statement.AllowCovered", "policy.a.statement.DenyCovered"}},
		{Matched: []string{"policy.a.statement.DenyCovered"}},
	}
	cov := computeCoverage(sts, results)
	var order []string
	var tests []int
	for _, s := range cov.Statements {
		order = append(order, s.Sid)
		tests = append(tests, s.Tests)
	}
	assert.Equal(t, []string{"DenyBare", "AllowBare", "AllowCovered", "DenyCovered"}, order)
	assert.Equal(t, []int{0, 0, 1, 2}, tests)
	assert.Equal(t, 2, cov.Covered)
	assert.Equal(t, 4, cov.Total)
	assert.InDelta(t, 50.0, cov.Percent(), 1e-9)
	assert.False(t, cov.Below(50))
	assert.True(t, cov.Below(50.1))
	assert.Equal(t, 100.0, (&Coverage{}).Percent(), "no statement: nothing left uncovered")
}

// The Rego tests of a project run against its bundle, in source order.
func TestRegoSuite(t *testing.T) {
	out, _, diags := compiler.Build("../testdata/suites/failing")
	require.False(t, diags.HasErrors(), "%s", diags)
	rs, diags := prepareRego(out)
	require.False(t, diags.HasErrors(), "%s", diags)
	require.Equal(t, 1, rs.Len())
	results, diags, err := rs.Run(context.Background(), nil, 0)
	require.NoError(t, err)
	require.Empty(t, diags)
	require.Len(t, results, 3)
	want := []struct {
		name            string
		line            int
		passed, skipped bool
	}{
		// The baker's own policy allows oven:* on ovens.
		{"data.bakery_test.test_baker_bakes", 5, true, false},
		// NoSelfClean denies it: the test rule is false.
		{"data.bakery_test.test_baker_self_cleans", 10, false, false},
		{"data.bakery_test.todo_test_apprentice_training", 14, false, true},
	}
	for i, w := range want {
		assert.Equal(t, w.name, results[i].Name)
		assert.Equal(t, "bakery_test.rego", results[i].Range.Filename)
		assert.Equal(t, w.line, results[i].Range.Start.Line)
		assert.Equal(t, w.passed, results[i].Passed, w.name)
		assert.Equal(t, w.skipped, results[i].Skipped, w.name)
	}
	only, _, err := rs.Run(context.Background(), regexp.MustCompile(`self_cleans`), 1)
	require.NoError(t, err)
	require.Len(t, only, 1)
	assert.Equal(t, "data.bakery_test.test_baker_self_cleans", only[0].Name)
}

// An interrupted run reports the interruption, not failed tests.
func TestRunDirCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep, _, diags, err := RunDir(ctx, "../examples/coffee-shop", Options{}, nil)
	require.False(t, diags.HasErrors(), "%s", diags)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, rep)
}
