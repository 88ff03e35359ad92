package suite

import (
	"sort"

	"github.com/iamc/iamc/compiler"
)

// Coverage says which statements of the project the tests exercised: a
// statement is covered when it applied to a request of at least one test
// (its action, resource, principal and conditions matched), in any layer,
// whether or not it decided. AssumeRole and GetFederationToken steps count,
// so trust policies are covered by the tests that assume their role.
//
// Only written statements count: the FullAWSAccess SCP that AWS attaches by
// default is not listed. Raw Rego tests (*_test.rego) do not count.
type Coverage struct {
	// Statements lists every statement: the uncovered first, Deny before
	// Allow (an untested Deny is a guardrail nobody checked), then the
	// covered; each group in file and line order.
	Statements []StatementCoverage
	Covered    int
	Total      int
}

// StatementCoverage is one statement and the number of tests that matched it.
type StatementCoverage struct {
	compiler.StatementInfo
	Tests int
}

// Percent is the share of statements covered, 100 when there are none.
func (c *Coverage) Percent() float64 {
	if c.Total == 0 {
		return 100
	}
	return float64(c.Covered) * 100 / float64(c.Total)
}

// Below reports whether the coverage is under min percent.
func (c *Coverage) Below(min float64) bool {
	return float64(c.Covered)*100 < min*float64(c.Total)
}

// computeCoverage counts, for each statement, the results (run with
// Options.Coverage) that matched it.
func computeCoverage(statements []compiler.StatementInfo, results []Result) *Coverage {
	count := map[string]int{}
	for _, r := range results {
		for _, ref := range r.Matched {
			count[ref]++
		}
	}
	c := &Coverage{}
	for _, st := range statements {
		if st.Default() || st.AWSOwned() {
			continue // implicit, such as the default FullAWSAccess SCP, or AWS's
		}
		n := count[st.Ref()]
		c.Statements = append(c.Statements, StatementCoverage{StatementInfo: st, Tests: n})
		c.Total++
		if n > 0 {
			c.Covered++
		}
	}
	rank := func(s StatementCoverage) int {
		switch {
		case s.Tests == 0 && s.Effect == "Deny":
			return 0
		case s.Tests == 0:
			return 1
		}
		return 2
	}
	sort.SliceStable(c.Statements, func(i, j int) bool {
		a, b := c.Statements[i], c.Statements[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if a.Range.Filename != b.Range.Filename {
			return a.Range.Filename < b.Range.Filename
		}
		if a.Range.Start.Line != b.Range.Start.Line {
			return a.Range.Start.Line < b.Range.Start.Line
		}
		return a.Range.Start.Column < b.Range.Start.Column
	})
	return c
}
