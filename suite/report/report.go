// Package report writes the report of a test run (suite.Report) in one of
// several formats: pretty for people, json for programs, junit for CI
// systems. Each format is a Formatter selected by name with Get, writing to
// any io.Writer.
package report

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/internal/english"
	"github.com/iamc/iamc/internal/output"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/suite"
)

// Formatter writes a report.
type Formatter interface {
	Write(w io.Writer, r *suite.Report) error
}

// Options tune a report.
type Options struct {
	// Verbose lists every test, not only the failing ones (pretty).
	Verbose bool
	// Durations includes timings. Without them the same run always gives
	// the same bytes (golden files, diffs between runs).
	Durations bool
	// Prefix is joined before every file name: the project directory as the
	// user gave it, so that locations open from the working directory.
	Prefix string
	// CoverageMin is the coverage threshold of the run, in percent (0: none).
	CoverageMin float64
}

var formats = output.Table[Formatter, Options]{
	{Name: "pretty", New: func(o Options) Formatter { return &pretty{o} }},
	{Name: "json", New: func(o Options) Formatter { return &jsonFormat{o} }},
	{Name: "junit", New: func(o Options) Formatter { return &junit{o} }},
}

// Names lists the formats Get accepts, the default first: pretty, json and
// junit.
func Names() []string { return formats.Names() }

// Get returns the formatter called name ("" is pretty).
func Get(name string, opts Options) (Formatter, error) { return formats.Get(name, opts) }

// path is a file name as the user can open it.
func (o Options) path(name string) string {
	if o.Prefix == "" || name == "" || filepath.IsAbs(name) {
		return filepath.ToSlash(name)
	}
	return filepath.ToSlash(filepath.Join(o.Prefix, name))
}

// pos is file:line:col of a range.
func (o Options) pos(r hcl.Range) string {
	return fmt.Sprintf("%s:%d:%d", o.path(r.Filename), r.Start.Line, r.Start.Column)
}

// source prefixes the file of a "file:line:col" source.
func (o Options) source(src string) string {
	i := strings.LastIndex(src, ":")
	if i <= 0 {
		return src
	}
	j := strings.LastIndex(src[:i], ":")
	if j <= 0 {
		return src
	}
	return o.path(src[:j]) + src[j:]
}

// seconds formats a duration for people.
func seconds(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%dµs", d.Microseconds())
	case d < time.Second:
		return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%.2fs", d.Seconds())
}

// implicitWhy says why nothing allowed the request.
func implicitWhy(l rego.Layers) string {
	if missing := l.Implicit(); len(missing) > 0 {
		names := make([]string, len(missing))
		for i, layer := range missing {
			names[i] = string(layer)
		}
		return "no statement allows it (no allow in: " + strings.Join(names, ", ") + ")"
	}
	return "no statement allows it"
}

// contextString renders a request context as key=value pairs in key order.
func contextString(ctx map[string]any) string {
	keys := make([]string, 0, len(ctx))
	for k := range ctx {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%v", k, ctx[k])
	}
	return strings.Join(parts, " ")
}

// explain writes why a test failed, one detail per line, each starting with
// indent: the request, the sessions, the decision, the layer verdicts and the
// deciding statements.
func (o Options) explain(b *strings.Builder, indent string, r suite.Result) {
	t := r.Test
	line := func(label, format string, args ...any) {
		fmt.Fprintf(b, "%s%-10s%s\n", indent, label, fmt.Sprintf(format, args...))
	}
	line("principal", "%s", t.Principal.Value)
	for _, s := range r.Assumed {
		line("session", "%s", s.ARN)
	}
	decision := string(r.Decision.Decision)
	if r.FailedAssume != "" {
		what := "sts:AssumeRole on " + r.FailedAssume
		if r.FailedAssume == "GetFederationToken" {
			what = "sts:GetFederationToken"
		}
		line("session", "%s was denied; %s on %s was never requested", what, t.Action.Value, t.Resource.Value)
		decision += " (of " + strings.Fields(what)[0] + ")"
	} else {
		line("request", "%s on %s", t.Action.Value, t.Resource.Value)
	}
	if len(t.Context) > 0 {
		line("context", "%s", contextString(t.Context))
	}
	line("decision", "%s", decision)
	line("layers", "%s", r.Decision.Layers.String())
	switch {
	case len(r.Decision.Reasons) > 0:
		for i, rs := range r.Decision.Reasons {
			label := ""
			if i == 0 {
				label = "because"
			}
			line(label, "%s %s %s  %s", rs.Layer, rs.Effect, rs.Ref(), o.source(rs.Source))
		}
	case r.Decision.Decision == rego.ImplicitDeny && len(r.Decision.Errors) == 0:
		line("because", "%s", implicitWhy(r.Decision.Layers))
	}
	if len(r.Decision.MissingContext) > 0 {
		line("missing", "%s", strings.Join(r.Decision.MissingContext, ", "))
	}
	o.whyNot(line, r)
	for _, e := range r.Decision.Errors {
		line("error", "%s", e)
	}
}

// coverageStatus is the word for a statement's coverage.
func coverageStatus(s suite.StatementCoverage) string {
	if s.Tests == 0 {
		return "not covered"
	}
	return "covered"
}

// coverageSummary is the one-line verdict on coverage.
func (o Options) coverageSummary(c *suite.Coverage) string {
	s := fmt.Sprintf("%d of %s (%.1f%%)", c.Covered, english.Count(c.Total, "statement", "statements"), c.Percent())
	if o.CoverageMin > 0 {
		if c.Below(o.CoverageMin) {
			s += fmt.Sprintf(", below the minimum of %g%%", o.CoverageMin)
		} else {
			s += fmt.Sprintf(", minimum %g%%", o.CoverageMin)
		}
	}
	return s
}

// whyNot writes what nearly allowed an implicit deny, or what made the
// Deny of an explicit deny apply.
func (o Options) whyNot(line func(label, format string, args ...any), r suite.Result) {
	label := "nearly"
	if r.Decision.Decision == rego.ExplicitDeny {
		label = "denied if"
	}
	resource := r.Test.Resource.Value
	if r.FailedAssume != "" {
		resource = r.FailedAssume
	}
	for i, n := range r.WhyNot {
		if i > 0 {
			label = ""
		}
		line(label, "%s %s %s  %s", n.Layer, n.Effect, n.Ref(), o.source(n.Source))
		for _, d := range n.Details(resource) {
			line("", "  %s", d)
		}
	}
}
