package compiler

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/internal/wildcard"
	"github.com/iamc/iamc/schema"
)

// validator checks what the grammar alone cannot: the rules of docs/semantics.md
// §7 that depend on where a policy is used, the shape of actions, resources,
// principals and conditions, and the references between blocks.
type validator struct {
	p        *schema.Project
	diags    hcl.Diagnostics
	catalog  map[string]map[string]string // service → lower(action) → action
	accounts map[string]*schema.Account   // by block name
	byID     map[string]*schema.Account   // by account ID
	users    map[string]*schema.User      // by ARN
	roles    map[string]*schema.Role      // by ARN
}

func (v *validator) errorf(code schema.Code, rng hcl.Range, summary, format string, args ...any) {
	v.diags = append(v.diags, schema.Errorf(code, rng.Ptr(), summary, format, args...))
}

func (v *validator) warnf(code schema.Code, rng hcl.Range, summary, format string, args ...any) {
	v.diags = append(v.diags, schema.Warnf(code, rng.Ptr(), summary, format, args...))
}

func validate(p *schema.Project) hcl.Diagnostics {
	v := &validator{p: p, catalog: map[string]map[string]string{}, accounts: map[string]*schema.Account{},
		byID: map[string]*schema.Account{}, users: map[string]*schema.User{}, roles: map[string]*schema.Role{}}
	for _, s := range p.Services {
		m := map[string]string{}
		for _, a := range s.Actions {
			m[strings.ToLower(a.Value)] = a.Value
		}
		v.catalog[s.Name] = m
	}
	for _, a := range p.Accounts {
		v.accounts[a.Name] = a
		v.byID[a.ID] = a
	}
	for _, u := range p.Users {
		v.users[u.ARN] = u
	}
	for _, r := range p.Roles {
		v.roles[r.ARN] = r
	}
	v.organizations()
	v.identities()
	v.endpoints()
	cat := NewCatalogChecker(p, true)
	var warnings hcl.Diagnostics
	for _, pol := range AllPolicies(p) {
		if EmbeddedAWS(pol) {
			// iamc's copies of AWS managed policies are AWS's: iamc check
			// reports what iamc says of them apart (AWSPolicyDiagnostics).
			continue
		}
		v.document(pol)
		warnings = append(warnings, cat.Diagnostics(pol)...)
	}
	v.diags = append(v.diags, capCatalogWarnings(warnings)...)
	v.sizes()
	return v.diags
}

// AllPolicies lists every policy of the project in a stable order: managed
// policies, SCPs, RCPs, inline policies, trust policies, resource policies,
// VPC endpoint policies, and the AWS managed policies attached by ARN
// (iamc's copies).
func AllPolicies(p *schema.Project) []*schema.Policy {
	var out []*schema.Policy
	out = append(out, p.Policies...)
	out = append(out, p.SCPs...)
	out = append(out, p.RCPs...)
	for _, u := range p.Users {
		out = append(out, u.Inline...)
	}
	for _, g := range p.Groups {
		out = append(out, g.Inline...)
	}
	for _, r := range p.Roles {
		if r.Trust != nil {
			out = append(out, r.Trust)
		}
		out = append(out, r.Inline...)
	}
	for _, r := range p.Resources {
		if r.Policy != nil {
			out = append(out, r.Policy)
		}
	}
	out = append(out, endpointPolicies(p)...)
	return append(out, p.AWSPolicies...)
}

// PolicyRef is the HCL reference of a policy, used in decision reasons:
// policy.x, scp.x, user.u.policy.x, role.r.trust, resource.b.policy,
// vpc_endpoint.e.policy.
func PolicyRef(pol *schema.Policy) string {
	if pol.AWSManaged {
		return awsKey(pol.IAMName)
	}
	switch pol.Kind {
	case schema.PolicySCP:
		return "scp." + pol.Name
	case schema.PolicyRCP:
		return "rcp." + pol.Name
	case schema.PolicyTrust:
		return pol.Owner + ".trust"
	case schema.PolicyResource, schema.PolicyEndpoint:
		return pol.Owner + ".policy"
	case schema.PolicySession:
		return "session.policy"
	}
	if pol.Owner != "" {
		return pol.Owner + ".policy." + pol.Name
	}
	return "policy." + pol.Name
}

// ---------------------------------------------------------------- organizations

func (v *validator) organizations() {
	units := map[string]*schema.Unit{}
	for _, u := range v.p.Units {
		units[u.Name] = u
	}
	// A unit's parents must end at an organization, without a cycle.
	for _, u := range v.p.Units {
		seen := map[string]bool{u.Name: true}
		chain := []string{u.Name}
		cur := u
		for cur.Parent.Kind == schema.KindUnit {
			next := units[cur.Parent.Name]
			if next == nil {
				break
			}
			chain = append(chain, next.Name)
			if seen[next.Name] {
				if next.Name == u.Name {
					v.errorf(schema.CodeInvalidOrganization, u.Parent.Range, "Cycle of units", "the parents of unit %q lead back to it (%s); they must lead to an organization", u.Name, strings.Join(chain, " → "))
				}
				break
			}
			seen[next.Name] = true
			cur = next
		}
	}
	for _, o := range v.p.Organizations {
		if o.Management == nil {
			continue
		}
		a := v.accounts[o.Management.Name]
		if a != nil && a.Parent != nil && rootOf(a.Parent, units) != o.Name {
			v.errorf(schema.CodeInvalidOrganization, o.Management.Range, "Management account outside the organization", "account %q is the management account of %q but its parent is in another organization", a.Name, o.Name)
		}
	}
	for _, a := range v.p.Accounts {
		if a.Parent != nil && a.Parent.Kind == schema.KindUnit && rootOf(a.Parent, units) == "" {
			v.errorf(schema.CodeInvalidOrganization, a.Parent.Range, "Account outside an organization", "the units above account %q do not lead to an organization", a.Name)
		}
	}
}

// rootOf follows parents up to the organization; "" when there is a cycle.
func rootOf(r *schema.Ref, units map[string]*schema.Unit) string {
	seen := map[string]bool{}
	for r != nil && r.Kind == schema.KindUnit {
		if seen[r.Name] {
			return ""
		}
		seen[r.Name] = true
		u := units[r.Name]
		if u == nil {
			return ""
		}
		r = &u.Parent
	}
	if r == nil {
		return ""
	}
	return r.Name
}

// ---------------------------------------------------------------- identities

func (v *validator) identities() {
	groups := map[string]*schema.Group{}
	for _, g := range v.p.Groups {
		groups[g.Name] = g
	}
	policies := map[string]*schema.Policy{}
	for _, pol := range v.p.Policies {
		policies[pol.Name] = pol
	}
	attach := func(owner, account string, refs []schema.Ref, limit int, what string, decl hcl.Range) {
		for _, r := range refs {
			if r.Kind != schema.KindPolicy {
				continue // an AWS managed policy: attachable in every account
			}
			if pol := policies[r.Name]; pol != nil && pol.Account != "" && account != "" && pol.Account != account {
				v.errorf(schema.CodeCrossAccountAttachment, r.Range, "Policy of another account", "policy %q belongs to account %q; %s is in account %q", pol.Name, pol.Account, owner, account)
			}
		}
		if len(refs) > limit {
			v.warnf(schema.CodeManagedPolicyCountLimit, decl, "Too many managed policies", "%s has %d managed policies; AWS allows %d %s (10 by default, 20 on request for users and roles)", owner, len(refs), limit, what)
		}
	}
	for _, u := range v.p.Users {
		owner := fmt.Sprintf("user %q", u.Name)
		for _, gr := range u.Groups {
			if g := groups[gr.Name]; g != nil && g.Account != u.Account {
				v.errorf(schema.CodeCrossAccountAttachment, gr.Range, "Group of another account", "group %q is in account %q, user %q in account %q; users join groups of their own account", g.Name, g.Account, u.Name, u.Account)
			}
		}
		if len(u.Groups) > 10 {
			v.warnf(schema.CodeGroupCountLimit, u.DeclRange, "Too many groups", "user %q is in %d groups; AWS allows 10", u.Name, len(u.Groups))
		}
		attach(owner, u.Account, u.Policies, 20, "per user", u.DeclRange)
		if u.Boundary != nil {
			attach(owner, u.Account, []schema.Ref{*u.Boundary}, 1, "", u.DeclRange)
		}
	}
	for _, g := range v.p.Groups {
		attach(fmt.Sprintf("group %q", g.Name), g.Account, g.Policies, 10, "per group", g.DeclRange)
	}
	for _, r := range v.p.Roles {
		attach(fmt.Sprintf("role %q", r.Name), r.Account, r.Policies, 20, "per role", r.DeclRange)
		if r.Boundary != nil {
			attach(fmt.Sprintf("role %q", r.Name), r.Account, []schema.Ref{*r.Boundary}, 1, "", r.DeclRange)
		}
	}
}

// ---------------------------------------------------------------- documents

var (
	sidRE     = regexp.MustCompile(`^[A-Za-z0-9]*$`)
	actionRE  = regexp.MustCompile(`^([A-Za-z0-9-]+):([A-Za-z0-9_.*?-]+)$`)
	serviceRE = regexp.MustCompile(`^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$`)
)

func kindName(k schema.PolicyKind) string {
	switch k {
	case schema.PolicySCP:
		return "an SCP"
	case schema.PolicyRCP:
		return "an RCP"
	case schema.PolicyTrust:
		return "a trust policy"
	case schema.PolicyResource:
		return "a resource-based policy"
	case schema.PolicySession:
		return "a session policy"
	case schema.PolicyEndpoint:
		return "a VPC endpoint policy"
	}
	return "an identity policy"
}

func (v *validator) document(pol *schema.Policy) {
	doc := pol.Document
	if doc == nil {
		return
	}
	sids := map[string]hcl.Range{}
	for _, st := range doc.Statements {
		v.statement(pol, doc, st, sids)
		if pol.Kind == schema.PolicyRCP && st != nil {
			v.rcpStatement(st)
		}
	}
	if pol.Kind == schema.PolicyRCP {
		v.rcpDocument(pol)
	}
}

// ValidateDocument checks a policy document used as kind outside a project
// (a session policy of a test, say).
func ValidateDocument(p *schema.Project, pol *schema.Policy) hcl.Diagnostics {
	v := &validator{p: p, catalog: map[string]map[string]string{}}
	for _, s := range p.Services {
		m := map[string]string{}
		for _, a := range s.Actions {
			m[strings.ToLower(a.Value)] = a.Value
		}
		v.catalog[s.Name] = m
	}
	v.document(pol)
	return v.diags
}

func (v *validator) statement(pol *schema.Policy, doc *schema.Document, st *schema.Statement, sids map[string]hcl.Range) {
	kind := pol.Kind
	where := kindName(kind)
	v.sid(st, kind, where, sids)
	v.elements(st, kind, where)
	v.principalElements(st, kind, where)
	v.values(st, kind, doc.Version == "2012-10-17")
	v.characters(st)
}

// Every error of the validator is a refusal that AWS makes when a policy is
// written: iamc refuses no policy that AWS accepts (docs/language.md,
// "What iamc refuses", lists each refusal with its source). What AWS
// accepts but advises against is a finding of iamc check instead, or a
// warning.

// sid checks that a Sid is unique in its policy and, outside resource and
// endpoint policies, alphanumeric. IAM: "In IAM, the Sid value must be
// unique within a JSON policy" and "The Sid element supports ASCII
// uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_sid.html);
// IAM's reported answers are "Statement IDs (SID) in a single policy must be unique." and
// "Statement IDs (SID) must be alpha-numeric." The grammar leaves the Sids
// of other services' resource policies to them ("some services allow
// additional characters such as spaces").
func (v *validator) sid(st *schema.Statement, kind schema.PolicyKind, where string, sids map[string]hcl.Range) {
	if st.Sid == "" {
		return
	}
	if first, dup := sids[st.Sid]; dup {
		v.errorf(schema.CodeUniqueSidsRequired, st.Range, "Duplicate Sid", "Sid %q is already used in this policy at %s:%d:%d; Sids are unique within a policy", st.Sid, first.Filename, first.Start.Line, first.Start.Column)
	}
	sids[st.Sid] = st.Range
	if kind != schema.PolicyResource && kind != schema.PolicyEndpoint && !sidRE.MatchString(st.Sid) {
		v.errorf(schema.CodeUnsupportedSid, st.Range, "Invalid Sid", "a Sid in %s contains only letters and digits; %q does not", where, st.Sid)
	}
}

// elements checks that a statement has exactly one of Action and
// NotAction, and at most one of Resource and NotResource (exactly one
// outside trust policies). The grammar has one action_block ("Action" |
// "NotAction") and one resource_block ("Resource" | "NotResource") per
// statement
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html);
// IAM's reported answers when they are missing are "Policy statement must
// contain actions." and "Policy statement must contain resources."
func (v *validator) elements(st *schema.Statement, kind schema.PolicyKind, where string) {
	switch {
	case st.Actions != nil && st.NotActions != nil:
		v.errorf(schema.CodeUnsupportedElementCombination, st.Range, "Action and NotAction together", "a statement has exactly one of Action and NotAction")
	case st.Actions == nil && st.NotActions == nil:
		v.errorf(schema.CodeMissingAction, st.Range, "Missing Action", "a statement needs Action (actions) or NotAction (not_actions)")
	}
	switch {
	case st.Resources != nil && st.NotResources != nil:
		v.errorf(schema.CodeUnsupportedElementCombination, st.Range, "Resource and NotResource together", "a statement has at most one of Resource and NotResource")
	case st.Resources == nil && st.NotResources == nil && kind != schema.PolicyTrust:
		v.errorf(schema.CodeMissingResource, st.Range, "Missing Resource", "a statement of %s needs Resource (resources) or NotResource (not_resources)", where)
	}
}

// principalElements checks Principal and NotPrincipal against the kind of
// policy:
//   - none in the policies attached to a principal: "You cannot use the
//     Principal element in an identity-based policy" (Principal page,
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html;
//     IAM's reported answer: "Policy document should not specify a
//     principal."), nor in an SCP (IAM Access Analyzer's "SCP syntax error
//     principal");
//   - one of the two in resource, trust and endpoint policies: "You must use
//     the Principal element in resource-based policies" (Principal page);
//     an endpoint policy "must contain a Principal element" (AWS
//     PrivateLink,
//     https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html);
//   - never both (the grammar's principal_block is "Principal" or
//     "NotPrincipal");
//   - no NotPrincipal in a trust policy: "You cannot use the NotPrincipal
//     element in an IAM identity-based policy nor in an IAM role trust
//     policy"
//     (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
//
// NotPrincipal with "Effect": "Allow" in a resource-based or endpoint policy
// is not refused: no AWS page documents a write-time error for it (the
// NotPrincipal page calls it "not supported", its earlier text "strongly
// recommend[ed]" against it as it "allows all principals except the one
// named"). iamc check reports it as ALLOW_WITH_NOT_PRINCIPAL.
func (v *validator) principalElements(st *schema.Statement, kind schema.PolicyKind, where string) {
	switch kind {
	case schema.PolicyIdentity, schema.PolicySCP, schema.PolicySession:
		if st.HasPrincipal() {
			rng := st.Range
			if len(st.Principals) > 0 {
				rng = st.Principals[0].Range
			} else if len(st.NotPrincipals) > 0 {
				rng = st.NotPrincipals[0].Range
			}
			v.errorf(schema.CodeUnsupportedPrincipal, rng, "Principal in "+strings.TrimPrefix(strings.TrimPrefix(where, "an "), "a "), "%s applies to the principal it is attached to; Principal and NotPrincipal belong in resource-based and trust policies", where)
		}
	case schema.PolicyResource, schema.PolicyTrust, schema.PolicyEndpoint:
		if !st.HasPrincipal() {
			v.errorf(schema.CodeMissingPrincipal, st.Range, "Missing Principal", "a statement of %s needs Principal (principals) or NotPrincipal (not_principals)", where)
		}
		if st.Principals != nil && st.NotPrincipals != nil {
			v.errorf(schema.CodeUnsupportedElementCombination, st.Range, "Principal and NotPrincipal together", "a statement has at most one of Principal and NotPrincipal")
		}
		if st.NotPrincipals != nil && kind == schema.PolicyTrust {
			v.errorf(schema.CodeUnsupportedPrincipal, st.NotPrincipals[0].Range, "NotPrincipal in a trust policy", "trust policies cannot use NotPrincipal; name who may assume the role")
		}
	}
}

// values checks every action, resource, principal and condition of a
// statement; vars is whether the policy version has policy variables.
func (v *validator) values(st *schema.Statement, kind schema.PolicyKind, vars bool) {
	for _, a := range st.Actions {
		v.action(a)
	}
	for _, a := range st.NotActions {
		v.action(a)
	}
	for _, r := range st.Resources {
		v.resource(r, vars)
	}
	for _, r := range st.NotResources {
		v.resource(r, vars)
	}
	for _, p := range st.Principals {
		v.principal(p, kind)
	}
	for _, p := range st.NotPrincipals {
		v.principal(p, kind)
	}
	for _, c := range st.Conditions {
		v.condition(c, vars)
	}
}

// action checks the form of an action: "*" or "service:name", the service
// prefix literal. The grammar's action_string is "*" or
// <service-namespace>:<action-name>; IAM's reported answers are "Actions/
// Condition can contain only one colon." and "Action vendors (e.g., aws,
// ec2, etc.) must not contain wildcards". An action that does not exist is
// accepted, as IAM accepts it ("Invalid actions do not affect the
// permissions granted by the policy", IAM Access Analyzer policy check
// reference), except for a service the project catalogs with a service
// block: that is the project's own rule (UNKNOWN_ACTION).
func (v *validator) action(a schema.String) {
	s := a.Value
	if s == "*" {
		return
	}
	m := actionRE.FindStringSubmatch(s)
	if m == nil {
		if strings.Contains(s, ":") && hasWildcard(strings.SplitN(s, ":", 2)[0]) {
			v.errorf(schema.CodeInvalidAction, a.Range, "Wildcard in service prefix", "the service prefix of an action is literal (%q); wildcards apply to the action name only", s)
			return
		}
		v.errorf(schema.CodeInvalidAction, a.Range, "Invalid action", "an action is \"service:ActionName\" or \"*\", not %q", s)
		return
	}
	svc, name := strings.ToLower(m[1]), m[2]
	cat := v.catalog[svc]
	if cat == nil {
		return
	}
	if !hasWildcard(name) {
		if _, ok := cat[strings.ToLower(name)]; !ok {
			detail := fmt.Sprintf("the service block %q lists no action %q", svc, name)
			if s := closest(name, cat); s != "" {
				detail = fmt.Sprintf("did you mean %q? %s", svc+":"+s, detail)
			}
			v.errorf(schema.CodeUnknownAction, a.Range, "Unknown action", "%s", detail)
		}
		return
	}
	pat := actionPattern(s)
	for known := range cat {
		if matchAction(pat, svc+":"+known) {
			return
		}
	}
	v.warnf(schema.CodeActionMatchesNothing, a.Range, "Action matches nothing", "%q matches none of the actions the service block %q lists", s, svc)
}

// closest suggests the catalog action nearest to name.
func closest(name string, cat map[string]string) string {
	best, bestDist := "", 4
	keys := make([]string, 0, len(cat))
	for k := range cat {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if d := levenshtein.Distance(strings.ToLower(name), k, nil); d < bestDist {
			best, bestDist = cat[k], d
		}
	}
	return best
}

// matchAction matches a lowered action pattern in Go, for build-time checks.
func matchAction(p []any, action string) bool {
	action = strings.ToLower(action)
	switch p[0] {
	case "*":
		return true
	case "=":
		return p[1] == action
	case "^":
		return strings.HasPrefix(action, p[1].(string))
	}
	return wildcard.Match(strings.ToLower(unquoteGlob(p[1].(string))), action)
}

// unquoteGlob undoes the quoting of globOf(s, "*", "?"): the IAM pattern,
// whose '*' and '?' are the wildcards.
func unquoteGlob(g string) string {
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		if g[i] == '\\' && i+1 < len(g) {
			i++
		}
		b.WriteByte(g[i])
	}
	return b.String()
}

// resource checks the form of a resource: "*" or an ARN of six parts
// (IAM's reported answer otherwise: "Resource <value> must be in ARN format
// or "*"."), with a partition, and no wildcard in the service segment ("You
// cannot use a wildcard in the service segment that identifies the AWS
// product",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
// Policy variables go in the resource part only: "You can use a policy
// variable in the Resource element, but only in the resource portion of the
// ARN. This portion of the ARN appears after the fifth colon (:). You can't
// use a variable to replace parts of the ARN before the fifth colon"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
func (v *validator) resource(r schema.String, vars bool) {
	s := r.Value
	if s == "*" {
		return
	}
	parts := strings.SplitN(s, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" {
		v.errorf(schema.CodeInvalidARNResource, r.Range, "Invalid resource ARN", "a resource is \"*\" or an ARN with six parts, arn:partition:service:region:account:resource; %q is not", s)
		return
	}
	if parts[1] == "" {
		v.errorf(schema.CodeInvalidARNResource, r.Range, "Invalid resource ARN", "the partition of %q is empty; it is usually \"aws\"", s)
	}
	if hasWildcard(parts[2]) {
		v.errorf(schema.CodeInvalidARNResource, r.Range, "Wildcard in service", "the service segment of a resource ARN cannot hold a wildcard (%q)", s)
	}
	if vars && strings.Contains(s, "${") {
		head := strings.Join(parts[:5], ":")
		// The first five segments end at the fifth colon outside a variable.
		if i := strings.Index(s, "${"); i >= 0 && i < len(head) && !escapeOnly(s[:len(head)]) {
			v.errorf(schema.CodeInvalidVariable, r.Range, "Policy variable outside the resource part", "policy variables are allowed only in the resource part of an ARN, after the fifth colon (%q)", s)
			return
		}
		if _, err := parseTemplate(s); err != nil {
			v.errorf(schema.CodeInvalidVariable, r.Range, "Invalid policy variable", "%s", err)
		}
	}
}

// escapeOnly reports whether every ${…} in s is an escape (${*}, ${?}, ${$}).
func escapeOnly(s string) bool {
	parts, err := parseTemplate(s)
	return err == nil && !hasVariables(parts)
}

// principal checks the values of a Principal or NotPrincipal element. The
// Principal page
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html):
// "You cannot use a wildcard to match part of a principal name or ARN", "You
// cannot identify a user group as a principal in a policy"; the grammar's
// principal_id_string: "you can use * only to specify "everyone/anonymous."
// You cannot use it to specify part of a name or ARN." A value that names no
// valid principal is refused with "Invalid principal in policy" (AWS
// Knowledge Center, https://repost.aws/knowledge-center/iam-trust-policy-error).
func (v *validator) principal(p schema.Principal, kind schema.PolicyKind) {
	for _, id := range p.Identifiers {
		s := id.Value
		switch p.Type {
		case "*":
			if s != "*" {
				v.errorf(schema.CodeInvalidPrincipalFormat, id.Range, "Invalid principal", "principal type \"*\" takes the identifier \"*\" (everyone)")
			}
		case "AWS":
			v.awsPrincipal(id, kind)
		case "Service":
			if !serviceRE.MatchString(s) {
				v.errorf(schema.CodeInvalidPrincipalFormat, id.Range, "Invalid service principal", "a service principal is a name like \"ec2.amazonaws.com\", not %q", s)
			}
		case "Federated":
			if hasWildcard(s) {
				v.errorf(schema.CodeUnsupportedWildcardInPrincipal, id.Range, "Wildcard in principal", "federated principals cannot contain wildcards (%q)", s)
			}
		}
	}
}

var (
	iamPrincipalRE = regexp.MustCompile(`^arn:aws[a-z-]*:iam::(\d{12}):(root|user/.+|role/.+)$`)
	stsPrincipalRE = regexp.MustCompile(`^arn:aws[a-z-]*:sts::(\d{12}):(assumed-role/[^/]+/.+|federated-user/.+)$`)
)

func (v *validator) awsPrincipal(id schema.String, kind schema.PolicyKind) {
	s := id.Value
	if s == "*" || accountID(s) != "" {
		return
	}
	if strings.Contains(s, ":group/") {
		v.errorf(schema.CodeInvalidPrincipalFormat, id.Range, "Group as principal", "groups are not principals; name the users, or the account, in %q", s)
		return
	}
	if hasWildcard(s) {
		v.errorf(schema.CodeUnsupportedWildcardInPrincipal, id.Range, "Partial wildcard in principal", "a principal is \"*\" or a full ARN or account; %q has a wildcard inside it (use a condition such as aws:PrincipalArn with ArnLike instead)", s)
		return
	}
	if m := iamPrincipalRE.FindStringSubmatch(s); m != nil {
		if kind == schema.PolicyTrust && v.byID != nil && v.byID[m[1]] != nil {
			if strings.HasPrefix(m[2], "user/") && v.users[s] == nil {
				v.errorf(schema.CodeInvalidPrincipalInPolicy, id.Range, "Invalid principal in policy", "no user %q in account %s; IAM rejects a trust policy naming a principal that does not exist", s, m[1])
			}
			if strings.HasPrefix(m[2], "role/") && v.roles[s] == nil {
				v.errorf(schema.CodeInvalidPrincipalInPolicy, id.Range, "Invalid principal in policy", "no role %q in account %s; IAM rejects a trust policy naming a principal that does not exist", s, m[1])
			}
		}
		return
	}
	if stsPrincipalRE.MatchString(s) {
		return
	}
	v.errorf(schema.CodeInvalidPrincipalFormat, id.Range, "Invalid principal", "an AWS principal is \"*\", an account ID, or the ARN of an account root, user, role, role session or federated user; %q is not", s)
}

// isSingleValued reports whether AWS documents the key as single-valued;
// isMultivalued whether it documents it as multivalued (§5.3; keys.go).
func isSingleValued(key string) bool {
	t, ok := knownKeyType(key)
	return ok && !strings.HasSuffix(t, multi)
}

func isMultivalued(key string) bool {
	t, ok := knownKeyType(key)
	return ok && strings.HasSuffix(t, multi)
}

// condition checks a condition: a known operator (IAM's reported answer to
// an unknown one: "Syntax errors in policy."), Null without …IfExists ("You
// can add IfExists to the end of any condition operator name except the Null
// condition",
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html),
// values of the operator's type. A plain operator on a multivalued key is
// only a warning: IAM accepts it (IAM Access Analyzer's "Missing qualifier"
// check lists an AWS managed policy that has one).
func (v *validator) condition(c schema.Condition, vars bool) {
	op := ParseOperator(c.Operator.Value)
	info, known := operators[op.Base]
	if !known || (op.Set == "" && strings.Contains(c.Operator.Value, ":")) {
		names := make([]string, 0, len(OperatorNames))
		for _, n := range OperatorNames {
			names = append(names, strings.ToLower(n))
		}
		detail := "see the condition operators of the IAM User Guide"
		if s := suggestOperator(op.Base); s != "" {
			detail = fmt.Sprintf("did you mean %q?", s)
		}
		v.errorf(schema.CodeInvalidConditionOperator, c.Operator.Range, "Unknown condition operator", "%q is not a condition operator; %s", c.Operator.Value, detail)
		return
	}
	if info.code == "null" && (op.Set != "" || op.IfExists) {
		v.errorf(schema.CodeNullWithIfExists, c.Operator.Range, "Invalid Null operator", "Null has no …IfExists form and takes no ForAnyValue:/ForAllValues: prefix")
	}
	if len(c.Values) == 0 {
		v.errorf(schema.CodeInvalidCondition, c.Range, "Empty condition", "condition %s on %q lists no values", c.Operator.Value, c.Key.Value)
	}
	key := strings.ToLower(c.Key.Value)
	if op.Set == "" && isMultivalued(key) && info.code != "null" { // Null tests presence: no set operator
		v.warnf(schema.CodeMissingQualifier, c.Operator.Range, "Multivalued key without a set operator", "%s is a multivalued key: use ForAnyValue:%s or ForAllValues:%s (AWS documents no meaning for a plain operator on it)", c.Key.Value, c.Operator.Value, c.Operator.Value)
	}
	if op.Set != "" && isSingleValued(key) {
		code := schema.CodeForAnyValueWithSingleValuedKey
		if op.Set == "all" {
			code = schema.CodeForAllValuesWithSingleValuedKey
		}
		v.warnf(code, c.Operator.Range, "Set operator on a single-valued key", "%s is single-valued; %s makes the condition overly permissive (ForAllValues is true when the key is absent)", c.Key.Value, c.Operator.Value)
	}
	if c.Key.Value == "" {
		v.errorf(schema.CodeInvalidCondition, c.Key.Range, "Empty condition key", "name the condition key, like aws:SourceIp")
	}
	lw := &lowerer{}
	for _, val := range c.Values {
		lw.condValue(info.code, val, vars)
	}
	v.diags = append(v.diags, lw.diags...)
}

func suggestOperator(base string) string {
	best, bestDist := "", 4
	for _, n := range OperatorNames {
		if d := levenshtein.Distance(base, strings.ToLower(n), nil); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// characters enforces the character set of policy documents (§7): "Policy
// documents can contain only the following Unicode characters: horizontal
// tab (U+0009), linefeed (U+000A), carriage return (U+000D), and characters
// in the range U+0020 to U+00FF" (IAM and AWS STS quotas,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
func (v *validator) characters(st *schema.Statement) {
	check := func(s schema.String) {
		for _, r := range s.Value {
			if !(r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xFF)) {
				v.errorf(schema.CodeInvalidCharacter, s.Range, "Invalid character", "policy documents may contain only tab, line breaks and characters U+0020 to U+00FF; %q has %U", s.Value, r)
				return
			}
		}
	}
	for _, l := range [][]schema.String{st.Actions, st.NotActions, st.Resources, st.NotResources} {
		for _, s := range l {
			check(s)
		}
	}
	for _, c := range st.Conditions {
		check(c.Key)
		for _, s := range c.Values {
			check(s)
		}
	}
	check(schema.String{Value: st.Sid, Range: st.Range})
}

// ---------------------------------------------------------------- size limits

// sizes warns where a policy is over the AWS size quotas (§7), with the figure.
func (v *validator) sizes() {
	check := func(pol *schema.Policy, limit int, allChars bool, what string) {
		if pol.Document == nil {
			return
		}
		n := docSize(pol.Document, allChars)
		if n > limit {
			kind := "non-whitespace characters"
			if allChars {
				kind = "characters"
			}
			v.warnf(schema.CodePolicySizeLimit, pol.DeclRange, "Policy over the size limit", "%s is %d %s; AWS allows %d", what, n, kind, limit)
		}
	}
	for _, pol := range v.p.Policies {
		if !pol.AWSManaged { // AWS's own size limit is not the customer managed one
			check(pol, 6144, false, fmt.Sprintf("managed policy %q", pol.Name))
		}
	}
	for _, pol := range v.p.SCPs {
		check(pol, 5120, true, fmt.Sprintf("SCP %q", pol.Name))
	}
	for _, pol := range v.p.RCPs {
		check(pol, 5120, true, fmt.Sprintf("RCP %q", pol.Name))
	}
	for _, r := range v.p.Roles {
		if r.Trust != nil {
			check(r.Trust, 2048, false, fmt.Sprintf("the trust policy of role %q", r.Name))
		}
	}
	aggregate := func(pols []*schema.Policy, limit int, what string, rng hcl.Range) {
		n := 0
		for _, p := range pols {
			if p.Document != nil {
				n += docSize(p.Document, false)
			}
		}
		if n > limit {
			v.warnf(schema.CodeInlinePolicySizeLimit, rng, "Inline policies over the size limit", "the inline policies of %s total %d non-whitespace characters; AWS allows %d", what, n, limit)
		}
	}
	for _, u := range v.p.Users {
		aggregate(u.Inline, 2048, fmt.Sprintf("user %q", u.Name), u.DeclRange)
	}
	for _, g := range v.p.Groups {
		aggregate(g.Inline, 5120, fmt.Sprintf("group %q", g.Name), g.DeclRange)
	}
	for _, r := range v.p.Roles {
		aggregate(r.Inline, 10240, fmt.Sprintf("role %q", r.Name), r.DeclRange)
	}
}

// docSize measures a document as AWS does: its JSON text, counting all
// characters or only non-whitespace ones.
func docSize(d *schema.Document, allChars bool) int {
	if d.JSON {
		if allChars {
			return d.Size
		}
		return d.NonSpace
	}
	js := DocumentJSON(d)
	if allChars {
		return len([]rune(string(js)))
	}
	n := 0
	for _, r := range string(js) {
		if r != ' ' && r != '\n' && r != '\t' && r != '\r' {
			n++
		}
	}
	return n
}
