package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/iamc/iamc/suite"
)

// junit writes JUnit XML, the format CI systems (GitHub Actions, GitLab,
// Jenkins, CircleCI) render: a testsuite per test file, a testcase per test,
// and a failure whose text is the explanation of the decision. The coverage,
// when asked for, is one more testsuite, "coverage", whose testcase fails
// below the minimum and lists the statements no test exercised.
type junit struct{ o Options }

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr,omitempty"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	Time       string           `xml:"time,attr,omitempty"`
	Properties *junitProperties `xml:"properties"`
	Cases      []junitCase      `xml:"testcase"`
	SystemOut  *junitText       `xml:"system-out"`
}

// junitText is text kept as written, newlines included (CDATA).
type junitText struct {
	Text string `xml:",cdata"`
}

func text(s string) *junitText {
	if s == "" {
		return nil
	}
	return &junitText{Text: s}
}

type junitProperties struct {
	List []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Time      string        `xml:"time,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
	Error     *junitFailure `xml:"error"`
	Skipped   *struct{}     `xml:"skipped"`
	SystemOut *junitText    `xml:"system-out"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

func (j *junit) time(d time.Duration) string {
	if !j.o.Durations {
		return ""
	}
	return fmt.Sprintf("%.3f", d.Seconds())
}

func (j *junit) Write(w io.Writer, r *suite.Report) error {
	o := j.o
	doc := junitSuites{Name: "iamc test", Time: j.time(r.Duration)}
	index := map[string]int{}
	var times []time.Duration
	add := func(file string, c junitCase, d time.Duration) {
		i, ok := index[file]
		if !ok {
			i = len(doc.Suites)
			index[file] = i
			doc.Suites = append(doc.Suites, junitSuite{Name: o.path(file)})
			times = append(times, 0)
		}
		s := &doc.Suites[i]
		s.Tests++
		switch {
		case c.Failure != nil:
			s.Failures++
		case c.Error != nil:
			s.Errors++
		case c.Skipped != nil:
			s.Skipped++
		}
		s.Cases = append(s.Cases, c)
		times[i] += d
		s.Time = j.time(times[i])
	}
	for _, res := range r.Results {
		t := res.Test
		c := junitCase{Name: t.Name, Classname: classname(t.DeclRange.Filename), File: o.path(t.DeclRange.Filename),
			Line: t.DeclRange.Start.Line, Time: j.time(res.Duration)}
		if !res.Passed {
			var b strings.Builder
			fmt.Fprintf(&b, "%s: %s\n", o.pos(t.DeclRange), strings.Join(res.Failures, "; "))
			o.explain(&b, "  ", res)
			c.Failure = &junitFailure{Message: strings.Join(res.Failures, "; "), Type: "decision", Text: b.String()}
		}
		add(t.DeclRange.Filename, c, res.Duration)
	}
	for _, res := range r.Rego {
		c := junitCase{Name: res.Name, Classname: classname(res.Range.Filename), File: o.path(res.Range.Filename),
			Line: res.Range.Start.Line, Time: j.time(res.Duration), SystemOut: text(res.Output)}
		switch {
		case res.Skipped:
			c.Skipped = &struct{}{}
		case res.Error != "":
			c.Error = &junitFailure{Message: res.Error, Type: "error", Text: o.pos(res.Range) + ": " + res.Error + "\n"}
		case !res.Passed:
			c.Failure = &junitFailure{Message: "the test rule is false or undefined", Type: "rego", Text: o.pos(res.Range) + ": " + res.Name + " is false or undefined\n" + failedAtLine(o, res.FailedAt)}
		}
		add(res.Range.Filename, c, res.Duration)
	}
	if cov := r.Coverage; cov != nil {
		props := &junitProperties{List: []junitProperty{
			{Name: "statements", Value: fmt.Sprint(cov.Total)},
			{Name: "covered", Value: fmt.Sprint(cov.Covered)},
			{Name: "percent", Value: fmt.Sprintf("%.1f", cov.Percent())},
		}}
		s := junitSuite{Name: "coverage", Tests: 1, Properties: props}
		name := "statement coverage"
		if o.CoverageMin > 0 {
			name = fmt.Sprintf("statement coverage of at least %g%%", o.CoverageMin)
			props.List = append(props.List, junitProperty{Name: "min", Value: fmt.Sprintf("%g", o.CoverageMin)})
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s\n", o.coverageSummary(cov))
		for _, st := range cov.Statements {
			if st.Tests == 0 {
				fmt.Fprintf(&b, "  not covered  %s  %s  %s  %s\n", st.Effect, o.pos(st.Range), st.Policy, st.Sid)
			}
		}
		c := junitCase{Name: name, Classname: "coverage"}
		if o.CoverageMin > 0 && cov.Below(o.CoverageMin) {
			c.Failure = &junitFailure{Message: o.coverageSummary(cov), Type: "coverage", Text: b.String()}
			s.Failures = 1
		} else {
			c.SystemOut = text(b.String())
		}
		s.Cases = []junitCase{c}
		doc.Suites = append(doc.Suites, s)
	}
	for _, s := range doc.Suites {
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// classname is the test file's name without its extension: the "class" CI
// systems group tests under.
func classname(file string) string {
	file = strings.TrimSuffix(file, ".hcl")
	return strings.TrimSuffix(file, ".rego")
}

func failedAtLine(o Options, at string) string {
	if at == "" {
		return ""
	}
	return "  failed at " + o.source(at) + "\n"
}
