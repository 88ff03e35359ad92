package check

import (
	"fmt"
	"sort"

	"github.com/agext/levenshtein"

	"github.com/iamc/iamc/schema"
)

// Suppressions live next to what they excuse: suppress = { CODE = "reason" }
// on a statement, a policy, a user, a role, a resource (any block that
// holds findings) excuses the findings of that code within the block — and
// in the JSON document it reads with file() —, and the project-level check
// block excuses them anywhere. The reason is required; a suppression that
// excuses nothing is itself reported (UNUSED_SUPPRESSION), so that it
// cannot outlive the finding it was written for. A compiler error that
// stops the build cannot be excused, nor can a finding on an AWS managed
// policy.

// suppress moves the excused findings to r.Suppressed and reports the
// suppressions that excuse nothing.
func (r *Report) suppress(sups []*schema.Suppression) {
	if len(sups) == 0 {
		return
	}
	used := make([]bool, len(sups))
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		i := excusedBy(f, sups)
		if i < 0 {
			kept = append(kept, f)
			continue
		}
		used[i] = true
		f.Reason = sups[i].Reason.Value
		r.Suppressed = append(r.Suppressed, f)
	}
	r.Findings = kept
	for i, s := range sups {
		if !used[i] {
			r.Findings = append(r.Findings, unused(s))
		}
	}
}

// excusedBy returns the index of the first suppression that excuses the
// finding, or -1. A suppression in a block comes before the project-level
// ones in sups only by source order; any one that covers the finding
// excuses it.
func excusedBy(f Finding, sups []*schema.Suppression) int {
	if f.blocking || f.Code == CodeUnusedSuppression {
		return -1
	}
	for i, s := range sups {
		if s.Code.Value == string(f.Code) && s.Covers(f.Range) {
			return i
		}
	}
	return -1
}

func unused(s *schema.Suppression) Finding {
	rule := rulesByCode[CodeUnusedSuppression]
	f := Finding{Code: CodeUnusedSuppression, Severity: rule.Severity, Hint: rule.Hint, Range: s.Code.Range.Ptr()}
	code := schema.Code(s.Code.Value)
	if _, known := rulesByCode[code]; !known {
		f.Message = fmt.Sprintf("%s is not a code of iamc check", code)
		if sug := closestCode(string(code)); sug != "" {
			f.Message += fmt.Sprintf("; did you mean %s?", sug)
		}
		return f
	}
	where := "in this block"
	if s.Scope.Filename == "" {
		where = "in the project"
	}
	f.Message = fmt.Sprintf("suppress %s excuses nothing: there is no %s finding %s", code, code, where)
	return f
}

func closestCode(code string) string {
	var codes []string
	for c := range rulesByCode {
		codes = append(codes, string(c))
	}
	sort.Strings(codes)
	best, bestDist := "", 4
	for _, c := range codes {
		if d := levenshtein.Distance(code, c, nil); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}
