package report

import (
	"io"
	"math"
	"time"

	"github.com/iamc/iamc/internal/output"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/suite"
)

// jsonFormat writes the report as one JSON document. Its field names are
// stable: programs may rely on them.
type jsonFormat struct{ o Options }

// JSONReport is the document of --format json.
type JSONReport struct {
	Summary    JSONSummary   `json:"summary"`
	Tests      []JSONTest    `json:"tests"`
	Coverage   *JSONCoverage `json:"coverage,omitempty"`
	DurationMS *float64      `json:"duration_ms,omitempty"`
}

// JSONSummary counts the tests.
type JSONSummary struct {
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
	Total   int `json:"total"`
}

// JSONTest is one test: kind "hcl" (a test block of a *_test.hcl file) or
// "rego" (a test rule of a *_test.rego file).
type JSONTest struct {
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Passed   bool     `json:"passed"`
	Skipped  bool     `json:"skipped,omitempty"`
	Failures []string `json:"failures"`
	// hcl tests
	Expect       string         `json:"expect,omitempty"`
	Got          rego.Outcome   `json:"got,omitempty"`
	Request      *JSONRequest   `json:"request,omitempty"`
	Sessions     []string       `json:"sessions,omitempty"`
	FailedAssume string         `json:"failed_assume,omitempty"`
	Decision     *rego.Decision `json:"decision,omitempty"`
	Matched      []string       `json:"matched,omitempty"`
	// rego tests
	Error    string `json:"error,omitempty"`
	FailedAt string `json:"failed_at,omitempty"`
	Output   string `json:"output,omitempty"`

	DurationMS *float64 `json:"duration_ms,omitempty"`
}

// JSONRequest is the request a test makes, as written in the test.
type JSONRequest struct {
	Principal string         `json:"principal"`
	Assume    []string       `json:"assume,omitempty"`
	Federated bool           `json:"federated,omitempty"`
	MFA       bool           `json:"mfa,omitempty"`
	Action    string         `json:"action"`
	Resource  string         `json:"resource"`
	Context   map[string]any `json:"context,omitempty"`
}

// JSONCoverage is the statement coverage.
type JSONCoverage struct {
	Covered    int                 `json:"covered"`
	Total      int                 `json:"total"`
	Percent    float64             `json:"percent"`
	Min        float64             `json:"min,omitempty"`
	Below      bool                `json:"below_min"`
	Statements []JSONStatementInfo `json:"statements"`
}

// JSONStatementInfo is one statement and how many tests matched it.
type JSONStatementInfo struct {
	Ref     string `json:"ref"`
	Policy  string `json:"policy"`
	Sid     string `json:"sid"`
	Effect  string `json:"effect"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Covered bool   `json:"covered"`
	Tests   int    `json:"tests"`
}

func (f *jsonFormat) ms(d time.Duration) *float64 {
	if !f.o.Durations {
		return nil
	}
	v := math.Round(float64(d.Microseconds())) / 1000
	return &v
}

func (f *jsonFormat) Write(w io.Writer, r *suite.Report) error {
	o := f.o
	passed, failed, skipped := r.Counts()
	doc := JSONReport{
		Summary:    JSONSummary{Passed: passed, Failed: failed, Skipped: skipped, Total: passed + failed + skipped},
		Tests:      []JSONTest{},
		DurationMS: f.ms(r.Duration),
	}
	for _, res := range r.Results {
		t := res.Test
		jt := JSONTest{
			Name: t.Name, Kind: "hcl", File: o.path(t.DeclRange.Filename), Line: t.DeclRange.Start.Line, Column: t.DeclRange.Start.Column,
			Passed: res.Passed, Failures: append([]string{}, res.Failures...), Expect: t.Expect.Value, Got: res.Outcome(),
			Request: &JSONRequest{Principal: t.Principal.Value, Federated: t.Federated, MFA: t.MFA,
				Action: t.Action.Value, Resource: t.Resource.Value},
			FailedAssume: res.FailedAssume, Matched: res.Matched, DurationMS: f.ms(res.Duration),
		}
		for _, a := range t.Assume {
			jt.Request.Assume = append(jt.Request.Assume, a.Value)
		}
		if len(t.Context) > 0 {
			jt.Request.Context = t.Context
		}
		for _, s := range res.Assumed {
			jt.Sessions = append(jt.Sessions, s.ARN)
		}
		dec := res.Decision
		dec.Reasons = make([]rego.Reason, len(res.Decision.Reasons))
		for i, rs := range res.Decision.Reasons {
			rs.Source = o.source(rs.Source)
			dec.Reasons[i] = rs
		}
		if dec.MissingContext == nil {
			dec.MissingContext = []string{}
		}
		if dec.Errors == nil {
			dec.Errors = []string{}
		}
		jt.Decision = &dec
		doc.Tests = append(doc.Tests, jt)
	}
	for _, res := range r.Rego {
		jt := JSONTest{
			Name: res.Name, Kind: "rego", File: o.path(res.Range.Filename), Line: res.Range.Start.Line, Column: res.Range.Start.Column,
			Passed: res.Passed, Skipped: res.Skipped, Failures: []string{}, Error: res.Error, FailedAt: o.source(res.FailedAt), Output: res.Output,
			DurationMS: f.ms(res.Duration),
		}
		if !res.Passed && !res.Skipped {
			msg := "the test rule is false or undefined"
			if res.Error != "" {
				msg = "error: " + res.Error
			}
			jt.Failures = append(jt.Failures, msg)
		}
		doc.Tests = append(doc.Tests, jt)
	}
	if c := r.Coverage; c != nil {
		jc := &JSONCoverage{Covered: c.Covered, Total: c.Total, Percent: math.Round(c.Percent()*10) / 10,
			Min: o.CoverageMin, Below: o.CoverageMin > 0 && c.Below(o.CoverageMin), Statements: []JSONStatementInfo{}}
		for _, s := range c.Statements {
			jc.Statements = append(jc.Statements, JSONStatementInfo{
				Ref: s.Ref(), Policy: s.Policy, Sid: s.Sid, Effect: s.Effect,
				File: o.path(s.Range.Filename), Line: s.Range.Start.Line, Column: s.Range.Start.Column,
				Covered: s.Tests > 0, Tests: s.Tests,
			})
		}
		doc.Coverage = jc
	}
	return output.WriteJSON(w, doc)
}
