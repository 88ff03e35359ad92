package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/suite"
	"github.com/iamc/iamc/suite/report"
)

type testParams struct {
	dir         string
	format      string
	run         string
	verbose     bool
	coverage    bool
	coverageMin float64
	parallel    int
	noDurations bool
}

func newTestCmd(s *streams) *cobra.Command {
	p := &testParams{}
	cmd := &cobra.Command{
		Use:   "test [DIR]",
		Short: "Run the project's test suites",
		Long: `Test compiles the project in DIR (default: the current directory) once and
runs its suites: every test block of its *_test.hcl files against the embedded
engine, and every test_ rule of its *_test.rego files through OPA's tester
against the same bundle.

A failing test is reported on one line, file:line:col of the test, what it
expected and what it got, followed by the explanation of the decision: the
request, the sessions, the verdict of each layer and the deciding statements
with their file:line:col. The last line is "N passed, N failed".

--coverage lists every statement of the project and whether a test's request
matched it (uncovered Deny statements first: an untested guardrail is the
dangerous kind); --coverage-min fails the run below a percentage.

Exit status: 0 when every test passed (and the coverage is at least
--coverage-min), 1 when a test failed or the coverage is too low, 2 when the
project or a suite does not compile, a suite holds no test, or the command
line is wrong.`,
		Example: `  iamc test examples/coffee-shop
  iamc test -v --run 'Cashier'
  iamc test --coverage --coverage-min 90
  iamc test --format junit > report.xml
  iamc test --format json | jq '.tests[] | select(.passed | not)'`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.dir = "."
			if len(args) == 1 {
				p.dir = args[0]
			}
			p.coverage = p.coverage || cmd.Flags().Changed("coverage-min")
			return runTest(cmd.Context(), s, p)
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.format, "format", "pretty", "output format: "+strings.Join(report.Names(), ", "))
	f.StringVar(&p.run, "run", "", "run only the tests whose name matches this regular expression")
	f.BoolVarP(&p.verbose, "verbose", "v", false, "list every test, not only the failing ones")
	f.BoolVar(&p.coverage, "coverage", false, "report which statements the tests exercised")
	f.Float64Var(&p.coverageMin, "coverage-min", 0, "fail when less than this percentage of statements is covered (implies --coverage)")
	f.IntVar(&p.parallel, "parallel", 0, "tests run at once (default: the number of CPUs)")
	f.BoolVar(&p.noDurations, "no-durations", false, "omit timings, so that the same run gives the same output")
	return cmd
}

func runTest(ctx context.Context, s *streams, p *testParams) error {
	if p.coverageMin < 0 || p.coverageMin > 100 {
		return usageError{fmt.Errorf("--coverage-min is a percentage from 0 to 100, not %g", p.coverageMin)}
	}
	if p.parallel < 0 {
		return usageError{fmt.Errorf("--parallel must be positive, not %d", p.parallel)}
	}
	f, err := report.Get(p.format, report.Options{Verbose: p.verbose, Durations: !p.noDurations, Prefix: p.dir, CoverageMin: p.coverageMin})
	if err != nil {
		return usageError{fmt.Errorf("--format: %w", err)}
	}
	var filter *regexp.Regexp
	if p.run != "" {
		if filter, err = regexp.Compile(p.run); err != nil {
			return usageError{fmt.Errorf("--run: %w", err)}
		}
	}
	rep, proj, diags, err := suite.RunDir(ctx, p.dir, suite.Options{Parallel: p.parallel, Coverage: p.coverage}, filter)
	if err := printDiagnostics(s.err, p.dir, proj, diags); err != nil {
		return err
	}
	if err != nil {
		return err
	}
	if len(rep.Results) == 0 && len(rep.Rego) == 0 {
		return usageError{fmt.Errorf("--run %q matches no test", p.run)}
	}
	if err := f.Write(s.out, rep); err != nil {
		return err
	}
	below := p.coverageMin > 0 && rep.Coverage.Below(p.coverageMin)
	if below {
		fmt.Fprintf(s.err, "iamc: coverage %.1f%% is below --coverage-min %g%%\n", rep.Coverage.Percent(), p.coverageMin)
	}
	if rep.Failed() || below {
		return &exitError{code: exitFailures}
	}
	return nil
}
