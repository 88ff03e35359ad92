package bench_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/internal/gen"
)

// The analyses of iamc who-can and iamc diff on the generated
// organizations. A question is timed on projects loaded beforehand
// (BenchmarkAnalysisLoad times loading one: the engine and the model);
// `iamc who-can` on a bundle costs a load and a question, `iamc diff` two
// loads and a question.

// projectFor loads a fixture's bundle for the analyses, alone in memory.
func projectFor(b testing.TB, f *fixture) *analysis.Project {
	loaded.eng = nil
	runtime.GC()
	p, err := analysis.FromBundle(context.Background(), fmt.Sprintf("org%d", f.n), f.bundle)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// revision is the fixture's organization with one statement changed: the
// first Deny of its managed policies made an Allow, as a pull request that
// lifts a guardrail would.
func revision(b testing.TB, f *fixture) []byte {
	org, err := gen.New(gen.Config{Statements: f.n, Seed: *seedFlag})
	if err != nil {
		b.Fatal(err)
	}
	changed := false
	for _, p := range org.Policies {
		for _, s := range p.Statements {
			if !changed && s.Effect == "Deny" {
				s.Effect, changed = "Allow", true
			}
		}
	}
	if !changed {
		b.Fatalf("no Deny statement in the organization of %d statements", f.n)
	}
	dir := filepath.Join(tmpRoot, fmt.Sprintf("org%d-revised", f.n))
	if err := org.WriteDir(dir); err != nil {
		b.Fatal(err)
	}
	return build(b, dir)
}

// BenchmarkWhoCan times who-can on designed requests (a user's allowed
// request, with its context), and reports how many callers were
// candidates and how many requests the engine decided per question. The
// answer is checked: the designed caller is in it.
func BenchmarkWhoCan(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := fixtureFor(b, n)
			p := projectFor(b, f)
			designed, err := f.org.Requests(gen.UserAllow, 8, *seedFlag)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			for _, r := range designed {
				res, err := p.WhoCan(ctx, r.Action, r.Resource, r.Context())
				if err != nil {
					b.Fatal(err)
				}
				if !allows(res, r.Principal.ARN()) {
					b.Fatalf("%s: who-can misses the designed caller", r)
				}
			}
			var candidates, asked int
			i := 0
			for b.Loop() {
				r := designed[i%len(designed)]
				i++
				res, err := p.WhoCan(ctx, r.Action, r.Resource, r.Context())
				if err != nil {
					b.Fatal(err)
				}
				candidates += res.Candidates
				asked += res.Asked
			}
			b.ReportMetric(float64(candidates)/float64(i), "candidates")
			b.ReportMetric(float64(asked)/float64(i), "asked")
		})
	}
}

func allows(r *analysis.WhoCanResult, arn string) bool {
	for _, a := range r.Allowed {
		if a.Principal == arn {
			return true
		}
	}
	return false
}

// BenchmarkDiff times the diff of two revisions that differ by one
// statement (a Deny of a managed policy made an Allow), and reports the
// principals compared and the requests each engine decided. The answer is
// checked: the change gains access.
func BenchmarkDiff(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := fixtureFor(b, n)
			revised := revision(b, f)
			old := projectFor(b, f)
			cur, err := analysis.FromBundle(context.Background(), "revised", revised)
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			var res *analysis.DiffResult
			for b.Loop() {
				if res, err = analysis.Diff(ctx, old, cur, nil); err != nil {
					b.Fatal(err)
				}
			}
			if res.OnlyOld != 1 || res.OnlyNew != 1 || len(res.Gained) == 0 || len(res.Lost) != 0 {
				b.Fatalf("one statement changed, a Deny lifted: got %d/%d statements, %d gained, %d lost",
					res.OnlyOld, res.OnlyNew, len(res.Gained), len(res.Lost))
			}
			b.ReportMetric(float64(res.Principals), "principals")
			b.ReportMetric(float64(res.Asked), "asked")
		})
	}
}

// BenchmarkAnalysisLoad times loading a bundle for the analyses: the
// engine (rego.Load) and the model they read.
func BenchmarkAnalysisLoad(b *testing.B) {
	for _, n := range sizes(b) {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := fixtureFor(b, n)
			loaded.eng = nil
			runtime.GC()
			for b.Loop() {
				if _, err := analysis.FromBundle(context.Background(), "bundle", f.bundle); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestAnalysisHarness runs the analysis benchmarks' checks on a small
// organization, so that make test catches a broken harness.
func TestAnalysisHarness(t *testing.T) {
	f := fixtureFor(t, 300)
	p := projectFor(t, f)
	designed, err := f.org.Requests(gen.UserAllow, 4, *seedFlag)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range designed {
		res, err := p.WhoCan(context.Background(), r.Action, r.Resource, r.Context())
		if err != nil {
			t.Fatal(err)
		}
		if !allows(res, r.Principal.ARN()) {
			t.Fatalf("%s: who-can misses the designed caller", r)
		}
	}
	cur, err := analysis.FromBundle(context.Background(), "revised", revision(t, f))
	if err != nil {
		t.Fatal(err)
	}
	res, err := analysis.Diff(context.Background(), p, cur, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.OnlyOld != 1 || res.OnlyNew != 1 || len(res.Gained) == 0 || len(res.Lost) != 0 {
		t.Fatalf("one statement changed, a Deny lifted: got %d/%d statements, %d gained, %d lost",
			res.OnlyOld, res.OnlyNew, len(res.Gained), len(res.Lost))
	}
}
