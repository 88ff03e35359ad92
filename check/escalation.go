package check

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/schema"
)

// CodePrivilegeEscalation: a principal without administrator access can
// reach it (analysis.Escalations).
const CodePrivilegeEscalation schema.Code = "PRIVILEGE_ESCALATION"

// escalations reports every user and role that does not have
// administrator access but can reach it, each at its declaration, with
// the shortest way. Every step rests on requests the engine allows; a
// project in which no identity policy may allow an escalation action is
// not evaluated at all.
func escalations(ctx context.Context, out *compiler.Output, p *schema.Project) []Finding {
	m, err := analysis.ReadModel(out.Data)
	if err == nil && !m.MayEscalate() {
		return nil
	}
	rule := rulesByCode[CodePrivilegeEscalation]
	fail := func(err error) []Finding {
		return []Finding{{Code: schema.CodeInternalError, Severity: Error, Message: "the escalation analysis failed: " + err.Error(),
			Hint: rulesByCode[schema.CodeInternalError].Hint}}
	}
	if err != nil {
		return fail(err)
	}
	proj, err := analysis.FromOutput(ctx, p.Dir, out)
	if err != nil {
		return fail(err)
	}
	g, err := proj.Escalations(ctx, nil, nil)
	if err != nil {
		return fail(err)
	}
	decls := map[string]hcl.Range{}
	for _, u := range p.Users {
		decls[u.ARN] = u.DeclRange
	}
	for _, r := range p.Roles {
		decls[r.ARN] = r.DeclRange
	}
	var findings []Finding
	for _, path := range g.Reaching() {
		steps := make([]string, len(path.Steps))
		for i, e := range path.Steps {
			steps[i] = e.FromRef + " ─" + e.Via + "→ " + e.ToRef
		}
		ref := g.Nodes[path.From].Ref
		f := Finding{Code: CodePrivilegeEscalation, Severity: rule.Severity, Hint: rule.Hint,
			Message: fmt.Sprintf("%s can reach administrator access: %s (iamc paths %s admin)", ref, strings.Join(steps, ", then "), ref)}
		if r, ok := decls[path.From]; ok {
			f.Range = r.Ptr()
		}
		findings = append(findings, f)
	}
	return findings
}
