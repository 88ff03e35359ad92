package schema

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// rcpList decodes the resource control policies attached at one level of
// an organization (rcps = [rcp.<name>, …] on the organization, a unit or an
// account). RCPFullAWSAccess stays attached at every level and cannot be
// removed, so an empty or absent list attaches no custom RCP. More than 5
// is a warning: AWS Organizations attaches at most 5 RCPs to a root, unit
// or account.
func (l *loader) rcpList(a *hclsyntax.Attribute, ctx *hcl.EvalContext) []Ref {
	if a == nil {
		return nil
	}
	refs := l.refs(a, ctx, KindRCP)
	if len(refs) > 5 {
		l.warnf(CodeRCPCountLimit, a.Expr.Range(), "Too many RCPs", "%d RCPs are attached here; AWS allows at most 5 per root, unit or account", len(refs))
	}
	return refs
}
