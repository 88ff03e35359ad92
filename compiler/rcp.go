package compiler

import (
	"strings"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/schema"
)

// Resource control policies (AWS Organizations, [RCP syntax]) and the
// defaults of the request context, as the model gives them to the core.
//
// [RCP syntax]: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html

// rcpLevels returns the RCP policy sets of an account's levels, from the
// organization root down through each unit to the account itself, each
// holding the custom RCPs attached there. RCPFullAWSAccess, attached
// everywhere and impossible to detach, allows everything: it is implicit,
// and a level with no custom RCP is the empty policy set 0. An account with
// no custom RCP on its path has none (nil): RCPFullAWSAccess alone changes
// no decision, and the core's lean body serves its requests.
func (b *builder) rcpLevels(a *schema.Account, org *schema.Organization, units map[string]*schema.Unit) []int {
	levels := [][]schema.Ref{a.RCPs}
	for parent := a.Parent; parent != nil && parent.Kind == schema.KindUnit; {
		u := units[parent.Name]
		if u == nil {
			break
		}
		levels = append(levels, u.RCPs)
		parent = &u.Parent
	}
	levels = append(levels, org.RCPs)
	out := make([]int, 0, len(levels))
	custom := false
	for i := len(levels) - 1; i >= 0; i-- {
		var pols []*schema.Policy
		for _, r := range levels[i] {
			if pol := b.rcps[r.Name]; pol != nil {
				pols = append(pols, pol)
			}
		}
		custom = custom || len(pols) > 0
		out = append(out, b.pset(pols))
	}
	if !custom {
		return nil
	}
	return out
}

// rcpServices lists the service prefixes that support RCPs, lower case.
func rcpServices() []string {
	out := []string{}
	for _, s := range catalog.RCPServices() {
		out = append(out, strings.ToLower(s))
	}
	return out
}

// requestDefaults are the context values of a request that does not give
// them: AWS sends requests over HTTPS unless a test says otherwise
// (aws:SecureTransport), not through another AWS service
// (aws:ViaAWSService), and to the project's default region
// (aws:RequestedRegion, which AWS always sets for a regional service).
func requestDefaults(p *schema.Project) map[string]any {
	out := map[string]any{"aws:securetransport": true, "aws:viaawsservice": false}
	if p.Defaults != nil && p.Defaults.Region.Value != "" {
		out["aws:requestedregion"] = p.Defaults.Region.Value
	}
	return out
}

// rcpStatement checks what the RCP syntax page allows in a statement of an
// RCP: Effect Deny only (Allow is reserved to RCPFullAWSAccess), Principal
// "*" only, Action (no NotAction), no NotPrincipal; the Version must be
// 2012-10-17.
func (v *validator) rcpStatement(st *schema.Statement) {
	if st.Effect == schema.Allow {
		v.errorf(schema.CodeInvalidEffect, st.Range, "Allow in an RCP", "an RCP statement has \"Effect\": \"Deny\"; Allow is reserved to RCPFullAWSAccess, which AWS attaches everywhere (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_syntax.html)")
	}
	if st.NotActions != nil {
		v.errorf(schema.CodeInvalidPolicyElement, st.Range, "NotAction in an RCP", "RCPs do not support NotAction; list the actions to deny with actions")
	}
	if st.NotPrincipals != nil {
		v.errorf(schema.CodeUnsupportedPrincipal, st.NotPrincipals[0].Range, "NotPrincipal in an RCP", "RCPs do not support NotPrincipal; use principals { type = \"*\" identifiers = [\"*\"] } and narrow it with a condition such as aws:PrincipalOrgID")
		return
	}
	if st.Principals == nil {
		v.errorf(schema.CodeMissingPrincipal, st.Range, "Missing Principal", "an RCP statement needs principals { type = \"*\" identifiers = [\"*\"] }: it applies to every principal, narrowed with conditions")
		return
	}
	for _, p := range st.Principals {
		for _, id := range p.Identifiers {
			if p.Type != "*" || id.Value != "*" {
				v.errorf(schema.CodeInvalidPrincipalFormat, id.Range, "Principal other than \"*\" in an RCP", "an RCP names every principal, \"*\" (principals { type = \"*\" identifiers = [\"*\"] }); narrow it with a condition such as aws:PrincipalOrgID or aws:PrincipalAccount")
			}
		}
	}
}

// rcpDocument checks an RCP's Version: the RCP syntax page requires
// "2012-10-17".
func (v *validator) rcpDocument(pol *schema.Policy) {
	if d := pol.Document; d != nil && d.Version != "2012-10-17" {
		version := d.Version
		if version == "" {
			version = "none"
		}
		v.errorf(schema.CodeInvalidVersion, d.Range, "Invalid RCP version", "an RCP has \"Version\": \"2012-10-17\" (here: %s)", version)
	}
}
