package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/schema"
)

// Severity is how much a finding matters, from Suggestion up to Error.
type Severity int

// The severities, in increasing order; the names are those of IAM Access
// Analyzer's finding types.
const (
	Suggestion Severity = iota + 1
	Warning
	SecurityWarning
	Error
)

var severityNames = map[Severity]string{
	Suggestion:      "suggestion",
	Warning:         "warning",
	SecurityWarning: "security_warning",
	Error:           "error",
}

// String is the severity's name as JSON output and --fail-on spell it:
// error, security_warning, warning, suggestion.
func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// Words is the severity for a person: "security warning".
func (s Severity) Words() string { return strings.ReplaceAll(s.String(), "_", " ") }

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads a severity name; "security-warning" and "security
// warning" are accepted too.
func ParseSeverity(s string) (Severity, error) {
	norm := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
	for sev, n := range severityNames {
		if n == norm {
			return sev, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q: use error, security_warning, warning or suggestion", s)
}

// Finding is one thing check found.
type Finding struct {
	Code     schema.Code // stable, upper snake case, listed by Rules
	Severity Severity    // the rule's severity
	// Message says what is wrong, in one line.
	Message string
	// Hint says how to fix it, in one line.
	Hint string
	// Range is the source the finding is about; nil for a finding about the
	// project as a whole.
	Range *hcl.Range
	// Policy is the HCL reference of the policy concerned (policy.x,
	// role.R.trust, …), when there is one.
	Policy string
	// Reason is why the project excuses the finding, for a finding in
	// Report.Suppressed.
	Reason string
	// blocking marks a compiler error that stops the build: it cannot be
	// suppressed.
	blocking bool
}

// Report is the result of checking a project.
type Report struct {
	// Compiles is false when the project has errors that stop iamc build.
	Compiles bool
	// Findings are sorted by file, position and code.
	Findings []Finding
	// Sources maps file names of the ranges to their bytes, for rendering.
	Sources map[string][]byte
	// Dir is the project directory the ranges are relative to.
	Dir string
	// Policies and Statements count what was checked.
	Policies, Statements int
	// Suppressed are the findings the project excuses (suppress), each
	// with its Reason; they are not in Findings.
	Suppressed []Finding
	// AWS holds what check says of the AWS managed policies the project
	// attaches by ARN (iamc's copies): AWS owns them, so their findings are
	// reported apart, never counted, never suppressed.
	AWS AWSReport
}

// AWSReport is what check found in the AWS managed policies a project
// attaches.
type AWSReport struct {
	Policies, Statements int
	Findings             []Finding
}

// Count returns how many findings have each severity.
func (r *Report) Count() map[Severity]int {
	out := map[Severity]int{}
	for _, f := range r.Findings {
		out[f.Severity]++
	}
	return out
}

// AtLeast reports how many findings are at or above the severity.
func (r *Report) AtLeast(s Severity) int {
	n := 0
	for _, f := range r.Findings {
		if f.Severity >= s {
			n++
		}
	}
	return n
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i].Range, fs[j].Range
		switch {
		case a == nil && b == nil:
		case a == nil || b == nil:
			return a != nil
		case a.Filename != b.Filename:
			return a.Filename < b.Filename
		case a.Start.Line != b.Start.Line:
			return a.Start.Line < b.Start.Line
		case a.Start.Column != b.Start.Column:
			return a.Start.Column < b.Start.Column
		}
		if fs[i].Severity != fs[j].Severity {
			return fs[i].Severity > fs[j].Severity
		}
		return fs[i].Code < fs[j].Code
	})
}
