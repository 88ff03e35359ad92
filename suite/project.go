package suite

import (
	"context"
	"regexp"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/schema"
)

// Report is the outcome of running the suites of a project.
type Report struct {
	// Project is the project that was tested.
	Project *schema.Project
	// Results are the *_test.hcl tests, in file then source order.
	Results []Result
	// Rego are the *_test.rego tests, in file then source order.
	Rego []RegoResult
	// Coverage is set when the run asked for it.
	Coverage *Coverage
	// Duration is the time of the whole run: compiling, loading, testing.
	Duration time.Duration
}

// Counts returns the number of tests that passed, failed and were skipped.
func (r *Report) Counts() (passed, failed, skipped int) {
	for _, t := range r.Results {
		if t.Passed {
			passed++
		} else {
			failed++
		}
	}
	for _, t := range r.Rego {
		switch {
		case t.Skipped:
			skipped++
		case t.Passed:
			passed++
		default:
			failed++
		}
	}
	return passed, failed, skipped
}

// Failed reports whether any test failed.
func (r *Report) Failed() bool {
	_, failed, _ := r.Counts()
	return failed > 0
}

// RunDir compiles the project in dir once, checks its suites and runs the
// tests whose names match filter (all of them for a nil filter): the
// *_test.hcl tests against the embedded engine, the *_test.rego tests
// through OPA's tester against the same bundle.
//
// Diagnostics with errors mean that the project or one of its suites does
// not compile (or holds no test); the report is then nil. The project is
// returned whenever it was read, to render diagnostics with its sources
// (*_test.rego sources included). An error is an internal fault.
func RunDir(ctx context.Context, dir string, opts Options, filter *regexp.Regexp) (*Report, *schema.Project, hcl.Diagnostics, error) {
	start := time.Now()
	out, p, diags, err := compiler.BuildContext(ctx, dir)
	if err != nil {
		return nil, nil, nil, err
	}
	if p != nil {
		for name, src := range p.RegoTests {
			p.Sources[name] = src
		}
	}
	if diags.HasErrors() {
		return nil, p, diags, nil
	}
	if len(p.Tests) == 0 && len(p.RegoTests) == 0 {
		return nil, p, append(diags, schema.Errorf(schema.CodeInvalidTest, nil, "No tests",
			"the project has no *_test.hcl or *_test.rego file; see docs/language.md#tests")), nil
	}
	cases, cdiags := Prepare(out)
	diags = append(diags, cdiags...)
	rs, rdiags := prepareRego(out)
	diags = append(diags, rdiags...)
	if diags.HasErrors() {
		return nil, p, diags, nil
	}
	// The Rego tests first: a test file that does not compile against the
	// bundle is a diagnostic, found before any time is spent on the rest.
	regoResults, rdiags, err := rs.Run(ctx, filter, opts.Parallel)
	if err != nil {
		return nil, p, diags, err
	}
	diags = append(diags, rdiags...)
	if diags.HasErrors() {
		return nil, p, diags, nil
	}
	rep := &Report{Project: p, Rego: regoResults}
	cases = filterCases(cases, filter)
	if len(cases) > 0 || opts.Coverage {
		b, err := out.BundleBytes()
		if err != nil {
			return nil, p, diags, err
		}
		eng, err := rego.Load(ctx, rego.FromBytes(b), rego.WithRequestTime())
		if err != nil {
			return nil, p, diags, err
		}
		rep.Results = Run(ctx, eng, cases, opts)
	}
	if err := ctx.Err(); err != nil {
		return nil, p, diags, err
	}
	if opts.Coverage {
		rep.Coverage = computeCoverage(out.Statements, rep.Results)
	}
	rep.Duration = time.Since(start)
	return rep, p, diags, nil
}
