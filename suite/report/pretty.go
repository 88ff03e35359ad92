package report

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/iamc/iamc/suite"
)

// pretty is the format for people: a line per failing test (every test with
// Verbose) with its location, what it expected and what it got, the
// explanation of the decision beneath, the coverage, and a closing summary
// "N passed, N failed".
type pretty struct{ o Options }

func (p *pretty) Write(w io.Writer, r *suite.Report) error {
	o := p.o
	var b strings.Builder
	for _, res := range r.Results {
		if res.Passed {
			if o.Verbose {
				fmt.Fprintf(&b, "%s: ok   %s%s\n", o.pos(res.Test.DeclRange), res.Test.Name, p.took(res.Duration.Seconds()))
			}
			continue
		}
		fmt.Fprintf(&b, "%s: FAIL %s: %s\n", o.pos(res.Test.DeclRange), res.Test.Name, strings.Join(res.Failures, "; "))
		o.explain(&b, "    ", res)
	}
	for _, res := range r.Rego {
		switch {
		case res.Skipped:
			if o.Verbose {
				fmt.Fprintf(&b, "%s: skip %s\n", o.pos(res.Range), res.Name)
			}
		case res.Passed:
			if o.Verbose {
				fmt.Fprintf(&b, "%s: ok   %s%s\n", o.pos(res.Range), res.Name, p.took(res.Duration.Seconds()))
			}
		default:
			what := "the test rule is false or undefined"
			if res.Error != "" {
				what = "error: " + res.Error
			}
			fmt.Fprintf(&b, "%s: FAIL %s: %s\n", o.pos(res.Range), res.Name, what)
			if res.FailedAt != "" {
				fmt.Fprintf(&b, "    failed at %s\n", o.source(res.FailedAt))
			}
		}
		if (!res.Passed || o.Verbose) && res.Output != "" {
			for _, l := range strings.Split(strings.TrimRight(res.Output, "\n"), "\n") {
				fmt.Fprintf(&b, "    | %s\n", l)
			}
		}
	}
	if c := r.Coverage; c != nil {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "coverage: %s\n", o.coverageSummary(c))
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, s := range c.Statements {
			tests := ""
			switch s.Tests {
			case 0:
			case 1:
				tests = "1 test"
			default:
				tests = fmt.Sprintf("%d tests", s.Tests)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", coverageStatus(s), s.Effect, o.pos(s.Range), s.Policy, s.Sid, tests)
		}
		tw.Flush()
		// tabwriter pads the last cell of lines that have fewer cells.
		out := b.String()
		b.Reset()
		for _, l := range strings.SplitAfter(out, "\n") {
			b.WriteString(strings.TrimRight(l, " \n"))
			if strings.HasSuffix(l, "\n") {
				b.WriteString("\n")
			}
		}
	}
	passed, failed, skipped := r.Counts()
	if o.Durations {
		fmt.Fprintf(&b, "time: %s\n", seconds(r.Duration))
	}
	fmt.Fprintf(&b, "%d passed, %d failed", passed, failed)
	if skipped > 0 {
		fmt.Fprintf(&b, ", %d skipped", skipped)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func (p *pretty) took(s float64) string {
	if !p.o.Durations {
		return ""
	}
	return fmt.Sprintf(" (%.1fms)", s*1000)
}
