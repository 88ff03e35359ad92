package schema

import (
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// The attributes and blocks of each kind of top-level block. docs/language.md
// documents every one of them; a test keeps the two in step.
var (
	organizationAttrs = []string{"id", "management_account", "policies", "rcps"}
	unitAttrs         = []string{"parent", "policies", "rcps"}
	accountAttrs      = []string{"id", "parent", "policies", "rcps", "tags"}
	userAttrs         = []string{"account", "name", "path", "groups", "policies", "permissions_boundary", "tags", "suppress"}
	groupAttrs        = []string{"account", "name", "path", "policies", "suppress"}
	roleAttrs         = []string{"account", "name", "path", "policies", "permissions_boundary", "tags", "max_session_duration", "service_linked", "description", "suppress"}
	policyAttrs       = []string{"account", "name", "arn", "path", "description", "version", "id", "document", "suppress"}
	scpAttrs          = []string{"description", "version", "id", "document", "suppress"}
	documentAttrs     = []string{"version", "id", "document", "suppress"}
	resourceAttrs     = []string{"arn", "account", "tags", "suppress"}
	serviceAttrs      = []string{"actions"}
	statementAttrs    = []string{"sid", "effect", "actions", "not_actions", "resources", "not_resources", "suppress"}
	principalsAttrs   = []string{"type", "identifiers"}
	conditionAttrs    = []string{"test", "variable", "values"}

	inlinePolicyBlock = blockSpec{Type: "policy", MinLabels: 1, MaxLabels: 1}
	statementBlock    = blockSpec{Type: "statement", MinLabels: 0, MaxLabels: 1}
)

// blockSchema lists, for each block type of the language, its attributes and
// nested block types. It is what docs/language.md must document.
func blockSchema() map[string][]string {
	with := func(attrs []string, blocks ...string) []string {
		return append(append([]string{}, attrs...), blocks...)
	}
	return map[string][]string{
		"organization":   organizationAttrs,
		"unit":           unitAttrs,
		"account":        accountAttrs,
		"user":           with(userAttrs, "policy"),
		"group":          with(groupAttrs, "policy"),
		"role":           with(roleAttrs, "trust", "policy"),
		"policy":         with(policyAttrs, "statement"),
		"scp":            with(scpAttrs, "statement"),
		"rcp":            with(scpAttrs, "statement"),
		"defaults":       defaultsAttrs,
		"check":          checkAttrs,
		"resource":       with(resourceAttrs, "policy"),
		"service":        serviceAttrs,
		"vpc_endpoint":   with(endpointAttrs, "policy"),
		"statement":      with(statementAttrs, "principals", "not_principals", "condition"),
		"principals":     principalsAttrs,
		"not_principals": principalsAttrs,
		"condition":      conditionAttrs,
		"trust":          with(documentAttrs, "statement"),
		"test":           with(testAttrs, "session_policy"),
		"session_policy": with(documentAttrs, "statement"),
	}
}

func where(p *pending) string { return fmt.Sprintf("%s %q", p.kind, p.name) }

func (l *loader) decodeOrganization(p *pending, ctx *hcl.EvalContext) {
	c := l.content(p.block.Body, where(p), organizationAttrs, nil)
	o := &Organization{Name: p.name, ID: p.id, DeclRange: p.block.DefRange()}
	if a := c.Attrs["management_account"]; a != nil {
		o.Management = l.ref(a, ctx, KindAccount)
	}
	if a := c.Attrs["policies"]; a != nil {
		o.Policies = l.scpList(a, ctx)
	}
	o.RCPs = l.rcpList(c.Attrs["rcps"], ctx)
	l.proj.Organizations = append(l.proj.Organizations, o)
}

// scpList decodes the SCPs attached at one level. An empty list is an error:
// AWS keeps at least one SCP attached to every root, unit and account.
func (l *loader) scpList(a *hclsyntax.Attribute, ctx *hcl.EvalContext) []Ref {
	refs := l.refs(a, ctx, KindSCP)
	if len(refs) == 0 {
		if tup, ok := a.Expr.(*hclsyntax.TupleConsExpr); ok && len(tup.Exprs) == 0 {
			l.errorf(CodeInvalidOrganization, a.Expr.Range(), "No SCP attached", "every level of an organization keeps at least one SCP attached; omit policies to keep the default FullAWSAccess")
		}
	}
	if len(refs) > 5 {
		l.warnf(CodeSCPCountLimit, a.Expr.Range(), "Too many SCPs", "%d SCPs are attached here; AWS allows at most 5 per root, unit or account", len(refs))
	}
	return refs
}

func (l *loader) decodeUnit(p *pending, ctx *hcl.EvalContext) {
	c := l.content(p.block.Body, where(p), unitAttrs, nil)
	u := &Unit{Name: p.name, ID: p.id, DeclRange: p.block.DefRange()}
	if a := c.Attrs["parent"]; a != nil {
		if r := l.ref(a, ctx, KindOrganization, KindUnit); r != nil {
			u.Parent = *r
		}
	} else {
		l.errorf(CodeInvalidOrganization, p.block.DefRange(), "Missing parent", "unit %q needs parent = organization.<name> or unit.<name>", p.name)
	}
	if a := c.Attrs["policies"]; a != nil {
		u.Policies = l.scpList(a, ctx)
	}
	u.RCPs = l.rcpList(c.Attrs["rcps"], ctx)
	l.proj.Units = append(l.proj.Units, u)
}

func (l *loader) decodeAccount(p *pending, ctx *hcl.EvalContext) {
	c := l.content(p.block.Body, where(p), accountAttrs, nil)
	a := &Account{Name: p.name, ID: p.id, DeclRange: p.block.DefRange()}
	if at := c.Attrs["id"]; at != nil {
		a.IDRange = at.Expr.Range()
	}
	if at := c.Attrs["parent"]; at != nil {
		a.Parent = l.ref(at, ctx, KindOrganization, KindUnit)
	}
	if at := c.Attrs["policies"]; at != nil {
		a.Policies = l.scpList(at, ctx)
	}
	a.RCPs = l.rcpList(c.Attrs["rcps"], ctx)
	if at := c.Attrs["tags"]; at != nil {
		a.Tags, _ = l.evalStringMap(at, ctx)
	}
	l.proj.Accounts = append(l.proj.Accounts, a)
}

func (l *loader) decodeUser(p *pending, ctx *hcl.EvalContext) {
	c := l.content(p.block.Body, where(p), userAttrs, []blockSpec{inlinePolicyBlock})
	u := &User{Name: p.name, IAMName: p.iamName, Account: p.account, Path: p.path, ARN: p.arn, UniqueID: p.id, DeclRange: p.block.DefRange()}
	if a := c.Attrs["groups"]; a != nil {
		u.Groups = l.refs(a, ctx, KindGroup)
	}
	if a := c.Attrs["policies"]; a != nil {
		u.Policies = l.policyRefs(a, ctx)
	}
	if a := c.Attrs["permissions_boundary"]; a != nil {
		u.Boundary = l.policyRef(a, ctx)
	}
	if a := c.Attrs["tags"]; a != nil {
		u.Tags, _ = l.evalStringMap(a, ctx)
	}
	u.Inline = l.inlinePolicies(c, p, ctx)
	l.proj.Users = append(l.proj.Users, u)
}

func (l *loader) decodeGroup(p *pending, ctx *hcl.EvalContext) {
	c := l.content(p.block.Body, where(p), groupAttrs, []blockSpec{inlinePolicyBlock})
	g := &Group{Name: p.name, IAMName: p.iamName, Account: p.account, Path: p.path, ARN: p.arn, DeclRange: p.block.DefRange()}
	if a := c.Attrs["policies"]; a != nil {
		g.Policies = l.policyRefs(a, ctx)
	}
	g.Inline = l.inlinePolicies(c, p, ctx)
	l.proj.Groups = append(l.proj.Groups, g)
}

// maxRoleSession is the longest maximum session duration AWS allows a role
// (the shortest is one hour).
const maxRoleSession = 12 * time.Hour

func (l *loader) decodeRole(p *pending, ctx *hcl.EvalContext) {
	c := l.content(p.block.Body, where(p), roleAttrs, []blockSpec{
		{Type: "trust", Max: 1}, inlinePolicyBlock,
	})
	r := &Role{Name: p.name, IAMName: p.iamName, Account: p.account, Path: p.path, ARN: p.arn, UniqueID: p.id,
		MaxSessionDuration: time.Hour, DeclRange: p.block.DefRange()}
	if a := c.Attrs["policies"]; a != nil {
		r.Policies = l.policyRefs(a, ctx)
	}
	if a := c.Attrs["permissions_boundary"]; a != nil {
		r.Boundary = l.policyRef(a, ctx)
	}
	if a := c.Attrs["tags"]; a != nil {
		r.Tags, _ = l.evalStringMap(a, ctx)
	}
	if a := c.Attrs["service_linked"]; a != nil {
		r.ServiceLinked, _ = l.evalBool(a, ctx)
	}
	if a := c.Attrs["description"]; a != nil {
		l.evalString(a, ctx)
	}
	if a := c.Attrs["max_session_duration"]; a != nil {
		if d, ok := l.evalDuration(a, ctx); ok {
			if d < time.Hour || d > maxRoleSession {
				l.errorf(CodeInvalidAttributeValue, a.Expr.Range(), "Invalid max_session_duration", "a role's maximum session duration is between 1h and 12h, not %s", d)
			} else {
				r.MaxSessionDuration = d
			}
		}
	}
	for _, b := range c.blocksOf("trust") {
		pol := &Policy{Kind: PolicyTrust, Name: "trust", Owner: "role." + p.name, Account: p.account, DeclRange: b.DefRange()}
		pol.Document = l.document(b.Body, fmt.Sprintf("the trust policy of role %q", p.name), ctx, "2012-10-17")
		r.Trust = pol
	}
	r.Inline = l.inlinePolicies(c, p, ctx)
	l.proj.Roles = append(l.proj.Roles, r)
}

func (l *loader) inlinePolicies(c *bodyContent, owner *pending, ctx *hcl.EvalContext) []*Policy {
	var out []*Policy
	seen := map[string]hcl.Range{}
	for _, b := range c.blocksOf("policy") {
		name := b.Labels[0]
		if first, dup := seen[name]; dup {
			l.errorf(CodeDuplicateDeclaration, b.LabelRanges[0], "Duplicate inline policy", "%s %q already has an inline policy %q at %s", owner.kind, owner.name, name, posString(first))
			continue
		}
		seen[name] = b.LabelRanges[0]
		if !iamNameRE.MatchString(name) || len(name) > 128 {
			l.errorf(CodeInvalidName, b.LabelRanges[0], "Invalid name", "policy names are 1 to 128 characters of letters, digits and +=,.@_-; %q is not", name)
		}
		pol := &Policy{Kind: PolicyIdentity, Name: name, Owner: string(owner.kind) + "." + owner.name, Account: owner.account, DeclRange: b.DefRange()}
		pol.Document = l.document(b.Body, fmt.Sprintf("inline policy %q of %s %q", name, owner.kind, owner.name), ctx, "2012-10-17")
		out = append(out, pol)
	}
	return out
}

func (l *loader) decodePolicyBlock(p *pending, ctx *hcl.EvalContext) {
	attrs := policyAttrs
	kind := PolicyIdentity
	switch p.kind {
	case KindSCP:
		attrs, kind = scpAttrs, PolicySCP
	case KindRCP:
		attrs, kind = scpAttrs, PolicyRCP
	}
	pol := &Policy{Kind: kind, Name: p.name, IAMName: p.iamName, AWSManaged: p.awsARN != "", Account: p.account, Path: p.path, ARN: p.arn, DeclRange: p.block.DefRange()}
	if a := p.block.Body.Attributes["description"]; a != nil {
		if s, ok := l.evalString(a, ctx); ok {
			pol.Description = s.Value
		}
	}
	if doc, embedded := l.supplyEmbedded(p); embedded {
		l.content(p.block.Body, where(p), attrs, nil)
		pol.Document = doc
	} else {
		pol.Document = l.documentWith(p.block.Body, where(p), ctx, "2012-10-17", attrs)
	}
	switch p.kind {
	case KindSCP:
		l.proj.SCPs = append(l.proj.SCPs, pol)
	case KindRCP:
		l.proj.RCPs = append(l.proj.RCPs, pol)
	default:
		l.proj.Policies = append(l.proj.Policies, pol)
	}
}

func (l *loader) decodeResource(p *pending, ctx *hcl.EvalContext) {
	c := l.content(p.block.Body, where(p), resourceAttrs, []blockSpec{{Type: "policy", Max: 1}})
	r := &Resource{Name: p.name, ARN: p.arn, DeclRange: p.block.DefRange()}
	if a := c.Attrs["arn"]; a != nil {
		r.ARNRange = a.Expr.Range()
	}
	if a := c.Attrs["account"]; a != nil {
		if ref := l.ref(a, ctx, KindAccount); ref != nil {
			r.Account = ref.Name
		}
	} else {
		r.Account = l.accountOfARN(r.ARN)
	}
	if a := c.Attrs["tags"]; a != nil {
		r.Tags, _ = l.evalStringMap(a, ctx)
	}
	for _, b := range c.blocksOf("policy") {
		pol := &Policy{Kind: PolicyResource, Name: "policy", Owner: "resource." + p.name, Account: r.Account, DeclRange: b.DefRange()}
		pol.Document = l.document(b.Body, fmt.Sprintf("the policy of resource %q", p.name), ctx, "2012-10-17")
		r.Policy = pol
	}
	l.proj.Resources = append(l.proj.Resources, r)
}

// accountOfARN finds the declared account named by an ARN's account segment,
// or falls back to the project's single account.
func (l *loader) accountOfARN(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) == 6 && parts[4] != "" {
		for _, p := range l.byName[KindAccount] {
			if p.id == parts[4] {
				return p.name
			}
		}
		return ""
	}
	return l.defaultAccount
}

func (l *loader) decodeService(p *pending, ctx *hcl.EvalContext) {
	c := l.content(p.block.Body, where(p), serviceAttrs, nil)
	s := &Service{Name: p.name, DeclRange: p.block.DefRange()}
	if a := c.Attrs["actions"]; a != nil {
		s.Actions, _ = l.evalStrings(a, ctx, false)
	} else {
		l.errorf(CodeMissingAttribute, p.block.DefRange(), "Missing actions", "service %q needs actions = [\"Action\", …]", p.name)
	}
	l.proj.Services = append(l.proj.Services, s)
}
