// Package cedar expresses a generated organization (internal/gen) as Cedar
// policies and entities, for a side-by-side benchmark of iamc and cedar-go
// on the same organization and the same requests. It is a nested module, so
// that iamc itself does not depend on cedar-go.
//
// The translation:
//
//   - Principals are entities: User::"u00001" (parents: its groups, its
//     managed policies, its permissions boundary, its account),
//     Group::"g0001" (parents: its policies), Role::"r0001" (parents: its
//     policies, boundary and account). A managed policy is an entity,
//     Policy::"p00001", so that each statement is one Cedar policy scoped to
//     principal in Policy::"p00001", whoever the policy is attached to.
//   - Actions are entities; each wildcard action pattern of the organization
//     (s3:Get*, s3:*Object) is an action group, a parent of every catalog
//     action it matches, so that a statement's actions are the scope
//     action in [Action::"s3:Get*", Action::"s3:PutObject"].
//   - Resources are entities Resource::"<arn>" with an attribute arn; each
//     resource pattern is a `like` over it.
//   - An Allow is a permit, a Deny a forbid. Conditions become `when`
//     clauses over context["aws:RequestedRegion"] (a string) and
//     context["aws:SourceIp"] (an ipaddr): StringEquals as contains,
//     IpAddress as isInRange, and the negated operators with their IAM
//     meaning for an absent key (true).
//   - A permissions boundary B is a forbid for principal in Boundary::"B",
//     unless one of B's Allow statements matches. An SCP that allows
//     everything (full_access) needs no policy; the guard SCP's Deny
//     statements are forbids for principal in Account::"200000000000".
//   - A role session asks as the role: principal Role::"r0001". Trust
//     policies are not translated: AssumeRole happens before the timed
//     requests, in iamc as well.
package cedar

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	cedar "github.com/cedar-policy/cedar-go"
	"github.com/cedar-policy/cedar-go/types"

	"github.com/iamc/iamc/internal/gen"
	"github.com/iamc/iamc/internal/wildcard"
)

// Entity types.
const (
	userType     = types.EntityType("User")
	groupType    = types.EntityType("Group")
	roleType     = types.EntityType("Role")
	policyType   = types.EntityType("Policy")
	boundaryType = types.EntityType("Boundary")
	accountType  = types.EntityType("Account")
	actionType   = types.EntityType("Action")
	resourceType = types.EntityType("Resource")
)

// Translation is an organization in Cedar.
type Translation struct {
	// Text is the policies, one per statement, each preceded by an @id
	// annotation naming the statement ("p00012.S3", "boundary0", "guard.DenyOtherRegions").
	Text     []byte
	Policies *cedar.PolicySet
	Entities types.EntityMap
	// IDs lists the policy IDs in Text order.
	IDs []cedar.PolicyID
	// guardrail holds the forbids that stand for a layer that does not
	// allow (a boundary): their deny is implicit in IAM's terms.
	guardrail map[cedar.PolicyID]bool
}

// Translate expresses org in Cedar.
func Translate(org *gen.Org) (*Translation, error) {
	t := &translator{org: org, groups: map[string]bool{}}
	t.collectPatterns()
	var buf strings.Builder
	var ids, guardrails []string
	emit := func(id, text string) {
		ids = append(ids, id)
		fmt.Fprintf(&buf, "@id(%q)\n%s\n\n", id, text)
	}
	account := uid(accountType, gen.MemberAccount)
	for _, p := range org.SCPs {
		for _, s := range p.Statements {
			if s.Effect == "Allow" {
				if len(s.Actions) == 1 && s.Actions[0] == "*" && len(s.Resources) == 1 && s.Resources[0] == "*" && len(s.Conditions) == 0 {
					continue // FullAWSAccess: the level allows everything
				}
				return nil, fmt.Errorf("scp %s: only an Allow of everything translates", p.Name)
			}
			emit(p.Name+"."+s.Sid, t.policy("forbid", "principal in "+account.String(), s))
		}
	}
	for _, p := range org.Boundaries {
		var allows []string
		for _, s := range p.Statements {
			if s.Effect == "Deny" {
				emit(p.Name+"."+s.Sid, t.policy("forbid", "principal in "+uid(boundaryType, p.Name).String(), s))
				continue
			}
			allows = append(allows, "("+t.match(s)+")")
		}
		emit(p.Name, fmt.Sprintf("forbid (principal in %s, action, resource)\nunless { %s };",
			uid(boundaryType, p.Name), strings.Join(allows, " || ")))
		guardrails = append(guardrails, p.Name)
	}
	for _, p := range org.Policies {
		scope := "principal in " + uid(policyType, p.Name).String()
		for _, s := range p.Statements {
			effect := "permit"
			if s.Effect == "Deny" {
				effect = "forbid"
			}
			emit(p.Name+"."+s.Sid, t.policy(effect, scope, s))
		}
	}

	list, err := cedar.NewPolicyListFromBytes("org.cedar", []byte(buf.String()))
	if err != nil {
		return nil, fmt.Errorf("parse the translation: %w", err)
	}
	if len(list) != len(ids) {
		return nil, fmt.Errorf("parsed %d policies from %d", len(list), len(ids))
	}
	ps := cedar.NewPolicySet()
	tr := &Translation{Text: []byte(buf.String()), Policies: ps, Entities: t.entities(), guardrail: map[cedar.PolicyID]bool{}}
	for _, id := range guardrails {
		tr.guardrail[cedar.PolicyID(id)] = true
	}
	for i, p := range list {
		ps.Add(cedar.PolicyID(ids[i]), p)
		tr.IDs = append(tr.IDs, cedar.PolicyID(ids[i]))
	}
	return tr, nil
}

type translator struct {
	org *gen.Org
	// groups are the wildcard action patterns, which become action groups.
	groups map[string]bool
}

func uid(typ types.EntityType, id string) types.EntityUID {
	return types.NewEntityUID(typ, types.String(id))
}

func (t *translator) collectPatterns() {
	add := func(ps []*gen.Policy) {
		for _, p := range ps {
			for _, s := range p.Statements {
				for _, a := range append(append([]string(nil), s.Actions...), s.NotActions...) {
					if strings.ContainsAny(a, "*?") {
						t.groups[a] = true
					}
				}
			}
		}
	}
	add(t.org.SCPs)
	add(t.org.Boundaries)
	add(t.org.Policies)
}

// policy renders one statement as a permit or forbid.
func (t *translator) policy(effect, principal string, s *gen.Statement) string {
	action := "action"
	var unless []string
	switch {
	case len(s.NotActions) > 0:
		unless = append(unless, "action in "+actionSet(s.NotActions))
	case len(s.Actions) == 1 && s.Actions[0] == "*":
	default:
		action = "action in " + actionSet(s.Actions)
	}
	text := fmt.Sprintf("%s (%s, %s, resource)", effect, principal, action)
	if w := t.when(s); w != "" {
		text += "\nwhen { " + w + " }"
	}
	if len(unless) > 0 {
		text += "\nunless { " + strings.Join(unless, " || ") + " }"
	}
	return text + ";"
}

// match is the condition under which a statement applies, as one expression.
func (t *translator) match(s *gen.Statement) string {
	var parts []string
	if len(s.Actions) > 0 && !(len(s.Actions) == 1 && s.Actions[0] == "*") {
		parts = append(parts, "action in "+actionSet(s.Actions))
	}
	if len(s.NotActions) > 0 {
		parts = append(parts, "!(action in "+actionSet(s.NotActions)+")")
	}
	if w := t.when(s); w != "" {
		parts = append(parts, w)
	}
	if len(parts) == 0 {
		return "true"
	}
	return strings.Join(parts, " && ")
}

// when renders a statement's resources and conditions.
func (t *translator) when(s *gen.Statement) string {
	var parts []string
	var likes []string
	for _, r := range s.Resources {
		if r == "*" {
			likes = nil
			break
		}
		likes = append(likes, fmt.Sprintf("resource.arn like %q", r))
	}
	if len(likes) == 1 {
		parts = append(parts, likes[0])
	} else if len(likes) > 1 {
		parts = append(parts, "("+strings.Join(likes, " || ")+")")
	}
	for _, c := range s.Conditions {
		parts = append(parts, condition(c))
	}
	return strings.Join(parts, " && ")
}

func condition(c gen.Condition) string {
	key := fmt.Sprintf("context[%q]", c.Variable)
	has := fmt.Sprintf("context has %q", c.Variable)
	var values []string
	for _, v := range c.Values {
		values = append(values, fmt.Sprintf("%q", v))
	}
	var ranges []string
	for _, v := range c.Values {
		ranges = append(ranges, fmt.Sprintf("%s.isInRange(ip(%q))", key, v))
	}
	switch c.Test {
	case "StringEquals":
		return fmt.Sprintf("(%s && [%s].contains(%s))", has, strings.Join(values, ", "), key)
	case "StringNotEquals": // true when the key is absent (docs/semantics.md §5.1)
		return fmt.Sprintf("(!(%s) || ![%s].contains(%s))", has, strings.Join(values, ", "), key)
	case "IpAddress":
		return fmt.Sprintf("(%s && (%s))", has, strings.Join(ranges, " || "))
	case "NotIpAddress":
		return fmt.Sprintf("(!(%s) || !(%s))", has, strings.Join(ranges, " || "))
	}
	panic("cedar: no translation for condition operator " + c.Test)
}

func actionSet(actions []string) string {
	var out []string
	for _, a := range actions {
		out = append(out, uid(actionType, a).String())
	}
	if len(out) == 1 {
		return out[0]
	}
	return "[" + strings.Join(out, ", ") + "]"
}

// entities builds the principals, policies and actions.
func (t *translator) entities() types.EntityMap {
	em := types.EntityMap{}
	add := func(id types.EntityUID, parents ...types.EntityUID) {
		em[id] = types.Entity{UID: id, Parents: types.NewEntityUIDSet(parents...)}
	}
	account := uid(accountType, gen.MemberAccount)
	add(account)
	for _, p := range t.org.Policies {
		add(uid(policyType, p.Name))
	}
	for _, p := range t.org.Boundaries {
		add(uid(boundaryType, p.Name))
	}
	policies := func(ps []*gen.Policy) []types.EntityUID {
		var out []types.EntityUID
		for _, p := range ps {
			out = append(out, uid(policyType, p.Name))
		}
		return out
	}
	for _, g := range t.org.Groups {
		add(uid(groupType, g.Name), policies(g.Policies)...)
	}
	for _, u := range t.org.Users {
		parents := append(policies(u.Policies), account)
		for _, g := range u.Groups {
			parents = append(parents, uid(groupType, g.Name))
		}
		if u.Boundary != nil {
			parents = append(parents, uid(boundaryType, u.Boundary.Name))
		}
		add(uid(userType, u.Name), parents...)
	}
	for _, r := range t.org.Roles {
		parents := append(policies(r.Policies), account)
		if r.Boundary != nil {
			parents = append(parents, uid(boundaryType, r.Boundary.Name))
		}
		add(uid(roleType, r.Name), parents...)
	}
	patterns := make([]string, 0, len(t.groups))
	for p := range t.groups {
		patterns = append(patterns, p)
		add(uid(actionType, p))
	}
	sort.Strings(patterns)
	for _, svc := range t.org.Services {
		for _, a := range svc.Actions() {
			var parents []types.EntityUID
			for _, p := range patterns {
				if ActionMatches(p, a) {
					parents = append(parents, uid(actionType, p))
				}
			}
			add(uid(actionType, a), parents...)
		}
	}
	return em
}

// ActionMatches matches an IAM action pattern (* and ? in the action name,
// case-insensitive) against an action (docs/semantics.md §2.1).
func ActionMatches(pattern, action string) bool {
	return wildcard.Match(strings.ToLower(pattern), strings.ToLower(action))
}

// Request is a designed request in Cedar, with the entities to evaluate it
// against: the organization's and the request's resource.
type Request struct {
	Request  cedar.Request
	Entities types.EntityGetter
}

// withResource adds a request's resource entity to the organization's.
type withResource struct {
	base     types.EntityMap
	resource types.Entity
}

func (w withResource) Get(id types.EntityUID) (types.Entity, bool) {
	if id == w.resource.UID {
		return w.resource, true
	}
	return w.base.Get(id)
}

// Request expresses a designed request: the caller (or the role, for a
// session), the action and resource entities, and the context.
func (t *Translation) Request(r gen.Request) (Request, error) {
	principal := uid(userType, r.Principal.Name)
	if r.Role != nil {
		principal = uid(roleType, r.Role.Name)
	}
	ctx := types.RecordMap{}
	if r.Region != "" {
		ctx[gen.ContextRegion] = types.String(r.Region)
	}
	if r.SourceIP != "" {
		ip, err := netip.ParseAddr(r.SourceIP)
		if err != nil {
			return Request{}, err
		}
		ctx[gen.ContextSourceIP] = types.IPAddr(netip.PrefixFrom(ip, ip.BitLen()))
	}
	res := types.Entity{UID: uid(resourceType, r.Resource),
		Attributes: types.NewRecord(types.RecordMap{"arn": types.String(r.Resource)})}
	return Request{
		Request: cedar.Request{
			Principal: principal,
			Action:    uid(actionType, r.Action),
			Resource:  res.UID,
			Context:   types.NewRecord(ctx),
		},
		Entities: withResource{base: t.Entities, resource: res},
	}, nil
}

// Outcome names a Cedar decision as iamc names decisions: a Deny is
// explicit when a forbid translated from a Deny statement determined it, and
// implicit otherwise (no permit, or only a boundary's forbid).
func (t *Translation) Outcome(dec cedar.Decision, diag cedar.Diagnostic) string {
	if dec == cedar.Allow {
		return gen.Allow
	}
	for _, r := range diag.Reasons {
		if !t.guardrail[r.PolicyID] {
			return gen.ExpectExplicit
		}
	}
	return gen.ExpectImplicit
}
