package check

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/schema"
)

// What the AWS service catalog says of every policy (compiler/awscatalog.go):
// the compiler warns of most of it at build time; check reports all of it,
// its own way, for the project's policies and for the AWS managed policies
// the project attaches by ARN. Those are iamc's copies of AWS's documents:
// check analyzes them like the project's own and reports their findings
// apart, as AWS owns them: not the project's to fix, count or suppress.

// awsOwned reports whether a policy is iamc's copy of an AWS managed
// policy. A policy block that supplies its own document for one is the
// project's.
func (a *analyzer) awsOwned(pol *schema.Policy) bool { return compiler.EmbeddedAWS(pol) }

// catalog adds the catalog's warnings on a policy as findings, and for an
// AWS-owned one what validation says of it too (a build does not).
func (a *analyzer) catalog(pol *schema.Policy) {
	if a.cat == nil {
		a.cat = compiler.NewCatalogChecker(a.p, false)
	}
	diags := a.cat.Diagnostics(pol)
	if a.awsOwned(pol) {
		diags = append(compiler.AWSPolicyDiagnostics(a.p, pol), diags...)
	}
	for _, d := range diags {
		code := codeOf(d)
		rule := rulesByCode[code]
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		a.findings = append(a.findings, Finding{Code: code, Severity: rule.Severity, Message: msg,
			Hint: rule.Hint, Range: d.Subject, Policy: compiler.PolicyRef(pol)})
	}
}

// splitAWS separates the findings on AWS-owned documents from the
// project's.
func splitAWS(fs []Finding) (project, aws []Finding) {
	project = fs[:0:0]
	for _, f := range fs {
		if f.Range != nil && schema.IsAWSSource(f.Range.Filename) {
			aws = append(aws, f)
		} else {
			project = append(project, f)
		}
	}
	return project, aws
}

// dropCascades removes the findings that repeat a more precise one at the
// same place: a resource of no action's type whose ARN already has a
// malformed or disallowed segment.
func dropCascades(fs []Finding) []Finding {
	type at struct {
		file      string
		line, col int
	}
	key := func(r *hcl.Range) at { return at{r.Filename, r.Start.Line, r.Start.Column} }
	shape := map[at]bool{}
	for _, f := range fs {
		if f.Range != nil && (f.Code == CodeInvalidARNSegment || f.Code == CodeARNSegmentNotAllowed) {
			shape[key(f.Range)] = true
		}
	}
	out := fs[:0]
	for _, f := range fs {
		if f.Code == schema.CodeResourceTypeMismatch && f.Range != nil && shape[key(f.Range)] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// catalogCode reports whether a code is one of the catalog's, which check
// computes itself rather than take from the build's warnings.
func catalogCode(c schema.Code) bool {
	for _, x := range compiler.CatalogCodes {
		if x == c {
			return true
		}
	}
	return false
}
