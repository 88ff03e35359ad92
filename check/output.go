package check

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/internal/output"
	"github.com/iamc/iamc/schema"
)

// Formatter renders a report.
type Formatter interface {
	Write(w io.Writer, r *Report) error
}

// Options configure a Formatter.
type Options struct {
	// Version is iamc's version, written into SARIF's tool description.
	Version string
}

var formats = output.Table[Formatter, Options]{
	{Name: "pretty", New: func(Options) Formatter { return pretty{} }},
	{Name: "json", New: func(Options) Formatter { return jsonFormat{} }},
	{Name: "sarif", New: func(o Options) Formatter { return sarif{opts: o} }},
}

// Names lists the formats Get accepts, the default first: pretty, json and
// sarif.
func Names() []string { return formats.Names() }

// Get returns the formatter of a name ("" is pretty).
func Get(name string, opts Options) (Formatter, error) { return formats.Get(name, opts) }

// path is the file name of a range as seen from the working directory.
func (r *Report) path(rng *hcl.Range) string {
	name := rng.Filename
	if r.Dir != "" && !filepath.IsAbs(name) {
		name = filepath.Join(r.Dir, name)
	}
	return filepath.ToSlash(name)
}

// ---------------------------------------------------------------- pretty

type pretty struct{}

func (pretty) Write(w io.Writer, r *Report) error {
	dw := schema.DiagWriter{Sources: r.Sources}
	var b strings.Builder
	for _, f := range r.Findings {
		head := fmt.Sprintf("%s %s: %s\n", f.Severity.Words(), f.Code, f.Message)
		if f.Range != nil {
			head = fmt.Sprintf("%s:%d:%d: %s", r.path(f.Range), f.Range.Start.Line, f.Range.Start.Column, head)
			// The source line and caret, as the compiler renders them.
			head += dw.Excerpt(f.Range)
		}
		b.WriteString(head)
		if f.Hint != "" {
			fmt.Fprintf(&b, "  hint: %s\n", f.Hint)
		}
	}
	b.WriteString(awsSummary(r))
	b.WriteString(summaryLine(r))
	_, err := io.WriteString(w, b.String())
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func summaryLine(r *Report) string {
	checked := fmt.Sprintf("%s, %s checked", plural(r.Policies, "policy"), plural(r.Statements, "statement"))
	checked = strings.Replace(checked, "policys", "policies", 1)
	if len(r.Findings) == 0 {
		return "no findings (" + checked + extraCounts(r) + ")\n"
	}
	c := r.Count()
	var parts []string
	for _, s := range []Severity{Error, SecurityWarning, Warning, Suggestion} {
		if c[s] > 0 {
			parts = append(parts, plural(c[s], s.Words()))
		}
	}
	line := fmt.Sprintf("%s: %s (%s)", plural(len(r.Findings), "finding"), strings.Join(parts, ", "), checked+extraCounts(r))
	if !r.Compiles {
		line += "; the project does not compile"
	}
	return line + "\n"
}

// awsSummary is one line per AWS managed policy with findings: how many
// of each code. AWS owns these documents; --format json lists each.
func awsSummary(r *Report) string {
	if len(r.AWS.Findings) == 0 {
		return ""
	}
	type count struct {
		sev  Severity
		code schema.Code
		n    int
	}
	per := map[string][]*count{}
	var names []string
	for _, f := range r.AWS.Findings {
		list := per[f.Policy]
		if list == nil {
			names = append(names, f.Policy)
		}
		var c *count
		for _, x := range list {
			if x.code == f.Code {
				c = x
			}
		}
		if c == nil {
			c = &count{sev: f.Severity, code: f.Code}
			per[f.Policy] = append(list, c)
		}
		c.n++
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("AWS managed policies (AWS owns them: not counted, not suppressible; --format json lists each finding):\n")
	for _, name := range names {
		list := per[name]
		sort.SliceStable(list, func(i, j int) bool {
			if list[i].sev != list[j].sev {
				return list[i].sev > list[j].sev
			}
			return list[i].code < list[j].code
		})
		parts := make([]string, len(list))
		for i, c := range list {
			parts[i] = fmt.Sprintf("%d %s %s", c.n, c.sev.Words(), c.code)
		}
		fmt.Fprintf(&b, "  %s: %s\n", name, strings.Join(parts, ", "))
	}
	return b.String()
}

// extraCounts says how many findings the project excuses and what was
// found in the AWS managed policies it attaches, when there is any.
func extraCounts(r *Report) string {
	var out string
	if n := len(r.Suppressed); n > 0 {
		out += fmt.Sprintf("; %d suppressed", n)
	}
	if r.AWS.Policies > 0 {
		aws := plural(r.AWS.Policies, "AWS managed policy")
		aws = strings.Replace(aws, "policys", "policies", 1)
		out += fmt.Sprintf("; %s: %s", aws, plural(len(r.AWS.Findings), "finding"))
	}
	return out
}

// ---------------------------------------------------------------- json

type jsonFormat struct{}

type jsonLocation struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
}

type jsonFinding struct {
	Code     schema.Code   `json:"code"`
	Severity Severity      `json:"severity"`
	Message  string        `json:"message"`
	Hint     string        `json:"hint"`
	Policy   string        `json:"policy,omitempty"`
	Reason   string        `json:"reason,omitempty"`
	Location *jsonLocation `json:"location,omitempty"`
}

type jsonAWS struct {
	Policies   int           `json:"policies"`
	Statements int           `json:"statements"`
	Findings   []jsonFinding `json:"findings"`
}

type jsonReport struct {
	Compiles   bool           `json:"compiles"`
	Policies   int            `json:"policies"`
	Statements int            `json:"statements"`
	Summary    map[string]int `json:"summary"`
	Findings   []jsonFinding  `json:"findings"`
	// Suppressed are the findings the project excuses, with their reason.
	Suppressed []jsonFinding `json:"suppressed,omitempty"`
	// AWSManaged is what check found in the AWS managed policies the
	// project attaches by ARN, reported apart.
	AWSManaged *jsonAWS `json:"aws_managed,omitempty"`
}

func (jsonFormat) Write(w io.Writer, r *Report) error {
	out := jsonReport{Compiles: r.Compiles, Policies: r.Policies, Statements: r.Statements,
		Summary: map[string]int{}, Findings: []jsonFinding{}}
	for _, s := range []Severity{Error, SecurityWarning, Warning, Suggestion} {
		out.Summary[s.String()] = 0
	}
	for s, n := range r.Count() {
		out.Summary[s.String()] = n
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, r.jsonFinding(f))
	}
	for _, f := range r.Suppressed {
		out.Suppressed = append(out.Suppressed, r.jsonFinding(f))
	}
	if r.AWS.Policies > 0 {
		out.AWSManaged = &jsonAWS{Policies: r.AWS.Policies, Statements: r.AWS.Statements, Findings: []jsonFinding{}}
		for _, f := range r.AWS.Findings {
			out.AWSManaged.Findings = append(out.AWSManaged.Findings, r.jsonFinding(f))
		}
	}
	return output.WriteJSON(w, out)
}

func (r *Report) jsonFinding(f Finding) jsonFinding {
	jf := jsonFinding{Code: f.Code, Severity: f.Severity, Message: f.Message, Hint: f.Hint, Policy: f.Policy, Reason: f.Reason}
	if f.Range != nil {
		file := r.path(f.Range)
		if schema.IsAWSSource(f.Range.Filename) {
			file = f.Range.Filename
		}
		jf.Location = &jsonLocation{File: file, Line: f.Range.Start.Line, Column: f.Range.Start.Column,
			EndLine: f.Range.End.Line, EndColumn: f.Range.End.Column}
	}
	return jf
}

// ---------------------------------------------------------------- SARIF

// SARIF 2.1.0 (OASIS), as code-scanning services read it: one run, the
// rules in tool.driver.rules, results pointing at them by id and index.
type sarif struct{ opts Options }

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   schema.Code       `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      sarifText         `json:"fullDescription"`
	Help                 sarifText         `json:"help"`
	DefaultConfiguration map[string]string `json:"defaultConfiguration"`
	Properties           map[string]any    `json:"properties"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifResult struct {
	RuleID              schema.Code        `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties"`
}

// sarifSuppression is SARIF's record of a result the project excuses
// (§3.35): in its source, with the reason given.
type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

// sarifLevel maps a severity to SARIF's levels; security warnings are
// warnings with a security-severity on their rule.
func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Suggestion:
		return "note"
	}
	return "warning"
}

func ruleName(code schema.Code) string {
	var b strings.Builder
	for _, w := range strings.Split(strings.ToLower(string(code)), "_") {
		if w != "" {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

func (s sarif) Write(w io.Writer, r *Report) error {
	all := Rules()
	index := map[schema.Code]int{}
	rules := make([]sarifRule, 0, len(all))
	for i, rule := range all {
		index[rule.Code] = i
		tags := []string{"iam"}
		props := map[string]any{}
		if rule.Severity == SecurityWarning {
			tags = append(tags, "security")
			props["security-severity"] = "7.5"
		}
		props["tags"] = tags
		props["severity"] = rule.Severity.String()
		rules = append(rules, sarifRule{
			ID: rule.Code, Name: ruleName(rule.Code),
			ShortDescription:     sarifText{rule.Title},
			FullDescription:      sarifText{rule.Title + ": " + rule.Hint + "."},
			Help:                 sarifText{rule.Hint},
			DefaultConfiguration: map[string]string{"level": sarifLevel(rule.Severity)},
			Properties:           props,
		})
	}
	results := []sarifResult{}
	for _, f := range append(append([]Finding{}, r.Findings...), r.Suppressed...) {
		res := sarifResult{
			RuleID: f.Code, RuleIndex: index[f.Code], Level: sarifLevel(f.Severity),
			Message:    sarifText{f.Message + " (fix: " + f.Hint + ")"},
			Properties: map[string]any{"severity": f.Severity.String()},
		}
		if f.Policy != "" {
			res.Properties["policy"] = f.Policy
		}
		if f.Reason != "" {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: f.Reason}}
		}
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00%s", f.Code, f.Message)
		if f.Range != nil {
			uri, base := r.path(f.Range), "%SRCROOT%"
			if filepath.IsAbs(uri) {
				uri, base = "file://"+uri, ""
			}
			reg := sarifRegion{StartLine: max(f.Range.Start.Line, 1), StartColumn: max(f.Range.Start.Column, 1)}
			if f.Range.End.Line >= reg.StartLine && f.Range.End.Column >= 1 {
				reg.EndLine, reg.EndColumn = f.Range.End.Line, f.Range.End.Column
			}
			res.Locations = []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: uri, URIBaseID: base}, Region: reg}}}
			fmt.Fprintf(h, "\x00%s", uri)
		}
		res.PartialFingerprints = map[string]string{"iamcFinding/v1": hex.EncodeToString(h.Sum(nil))[:32]}
		results = append(results, res)
	}
	driver := map[string]any{
		"name":           "iamc",
		"informationUri": "https://github.com/iamc/iamc",
		"rules":          rules,
	}
	if s.opts.Version != "" {
		driver["version"] = s.opts.Version
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool":       map[string]any{"driver": driver},
			"columnKind": "unicodeCodePoints",
			"results":    results,
		}},
	}
	return output.WriteJSON(w, doc)
}
