package check

import (
	"context"
	"io/fs"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/schema"
)

// Run loads, compiles and analyzes the project in dir. It writes nothing.
// The report has the compiler's diagnostics as findings (with codes) and the
// findings of every analysis; Compiles says whether iamc build would succeed.
// When the project does not compile, what did decode is still analyzed, so
// that one run reports everything it can.
func Run(dir string) *Report {
	out, p, diags := compiler.Build(dir)
	r := analyze(context.Background(), out, p, diags)
	r.Dir = dir
	return r
}

// RunContext is Run that stops when ctx is done, with ctx's error.
func RunContext(ctx context.Context, dir string) (*Report, error) {
	out, p, diags, err := compiler.BuildContext(ctx, dir)
	if err != nil {
		return nil, err
	}
	r := analyze(ctx, out, p, diags)
	if err := ctx.Err(); err != nil {
		return nil, err // the escalation analysis stopped short
	}
	r.Dir = dir
	return r, nil
}

// RunFS is Run over a file system.
func RunFS(fsys fs.FS) *Report {
	out, p, diags := compiler.BuildFS(fsys)
	return analyze(context.Background(), out, p, diags)
}

func analyze(ctx context.Context, out *compiler.Output, p *schema.Project, diags hcl.Diagnostics) *Report {
	r := &Report{Compiles: out != nil && !diags.HasErrors(), Sources: map[string][]byte{}}
	if p != nil {
		r.Sources = p.Sources
	}
	singleValued := map[hcl.Range]bool{}
	for _, d := range diags {
		code := codeOf(d)
		if catalogCode(code) {
			continue // the analyzer reports every policy's (catalog.go)
		}
		rule := rulesByCode[code]
		sev := rule.Severity
		if d.Severity == hcl.DiagError {
			sev = Error
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		r.Findings = append(r.Findings, Finding{Code: code, Severity: sev, Message: msg, Hint: rule.Hint, Range: d.Subject, blocking: d.Severity == hcl.DiagError})
		if (code == schema.CodeForAllValuesWithSingleValuedKey || code == schema.CodeForAnyValueWithSingleValuedKey) && d.Subject != nil {
			singleValued[*d.Subject] = true
		}
	}
	if p != nil {
		a := &analyzer{p: p, singleValued: singleValued}
		a.run()
		r.Findings = append(r.Findings, a.findings...)
		if r.Compiles {
			// Escalations are findings like any: suppressible.
			r.Findings = append(r.Findings, escalations(ctx, out, p)...)
		}
		r.Policies, r.Statements = a.policies, compiler.StatementCount(p)
		r.AWS.Policies, r.AWS.Statements = a.awsPolicies, a.awsStatements
		r.Findings = dropCascades(r.Findings)
		r.Findings, r.AWS.Findings = splitAWS(r.Findings)
		r.suppress(p.Suppressions)
	}
	sortFindings(r.Findings)
	sortFindings(r.AWS.Findings)
	return r
}

// codeOf is the code a diagnostic was made with. Every diagnostic of iamc
// has one (a test holds every golden case to it); were one to come without,
// it would still be reported, as an error of HCL or a compiler warning.
func codeOf(d *hcl.Diagnostic) schema.Code {
	if c := schema.CodeOf(d); c != "" {
		return c
	}
	if d.Severity == hcl.DiagWarning {
		return schema.CodeCompilerWarning
	}
	return schema.CodeInvalidHCL
}
