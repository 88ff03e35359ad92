package check

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/internal/wildcard"
	"github.com/iamc/iamc/schema"
)

// analyzer runs the analyses over a decoded project. Every analysis must
// cope with a project that did not compile: missing documents, statements
// without actions, effects that are neither Allow nor Deny.
type analyzer struct {
	p            *schema.Project
	singleValued map[hcl.Range]bool // operators the compiler already flagged
	findings     []Finding
	policies     int
	// awsPolicies and awsStatements count the AWS managed policies
	// checked (catalog.go).
	awsPolicies, awsStatements int
	cat                        *compiler.CatalogChecker
}

func (a *analyzer) add(code schema.Code, rng hcl.Range, pol *schema.Policy, format string, args ...any) {
	rule := rulesByCode[code]
	f := Finding{Code: code, Severity: rule.Severity, Message: fmt.Sprintf(format, args...), Hint: rule.Hint, Range: rng.Ptr()}
	if pol != nil {
		f.Policy = compiler.PolicyRef(pol)
	}
	a.findings = append(a.findings, f)
}

func (a *analyzer) run() {
	for _, pol := range compiler.AllPolicies(a.p) {
		if pol == nil || pol.Document == nil {
			continue
		}
		if a.awsOwned(pol) {
			a.awsPolicies++
			a.awsStatements += len(pol.Document.Statements)
		} else {
			a.policies++
		}
		a.catalog(pol)
		doc := pol.Document
		if doc.JSON && doc.Version == "" {
			a.add(CodeMissingVersion, doc.Range, pol, "the JSON document of %s has no Version: policy variables in it are literal text", compiler.PolicyRef(pol))
		}
		for _, st := range doc.Statements {
			if st != nil {
				a.statement(pol, st)
			}
		}
		a.redundantStatements(pol)
	}
	for _, r := range a.p.Resources {
		if r != nil && r.ARNRange.Filename != "" {
			a.arnShape(schema.String{Value: r.ARN, Range: r.ARNRange}, nil)
		}
	}
	a.unattached()
	a.idleUsers()
	a.unassumableRoles()
	a.externalAccess()
	a.undeclaredKMSKeys()
	// Analyses may visit one range twice (a JSON document given inline has
	// one range for all its values); report each finding once.
	seen := map[string]bool{}
	out := a.findings[:0]
	for _, f := range a.findings {
		k := string(f.Code) + "\x00" + f.Message
		if f.Range != nil {
			k += fmt.Sprintf("\x00%s:%d:%d", f.Range.Filename, f.Range.Start.Line, f.Range.Start.Column)
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	a.findings = out
}

// ---------------------------------------------------------------- statements

func (a *analyzer) statement(pol *schema.Policy, st *schema.Statement) {
	for _, r := range st.Resources {
		a.arnShape(r, pol)
	}
	for _, r := range st.NotResources {
		a.arnShape(r, pol)
	}
	a.redundantValues(pol, st.Actions, CodeRedundantAction, "action", true)
	a.redundantValues(pol, st.NotActions, CodeRedundantAction, "action", true)
	a.redundantValues(pol, st.Resources, CodeRedundantResource, "resource", false)
	a.redundantValues(pol, st.NotResources, CodeRedundantResource, "resource", false)
	a.conditions(pol, st)
	a.allowWithNotPrincipal(pol, st)
	if st.Effect != schema.Allow {
		return
	}
	switch pol.Kind {
	case schema.PolicyIdentity:
		a.passRole(pol, st)
		if st.NotActions != nil && (st.NotResources != nil || hasValue(st.Resources, "*")) {
			a.add(CodeAllowNotActionWithStarResource, st.Range, pol,
				"statement %s allows every action except %s, on every resource", stmtName(pol, st), listValues(st.NotActions))
		}
	case schema.PolicyTrust:
		if p := wildcardPrincipal(st); p != nil && len(st.Conditions) == 0 {
			a.add(CodeTrustWildcardPrincipal, p.Range, pol,
				"the trust policy of %s lets any principal of any account assume the role, with no condition", pol.Owner)
		}
	case schema.PolicyResource:
		if p := wildcardPrincipal(st); p != nil && !scopedByCondition(st) {
			a.add(CodeWildcardPrincipalInResourcePolicy, p.Range, pol,
				"%s allows %s to everyone, including anonymous callers and other accounts", compiler.PolicyRef(pol), listValues(append(st.Actions, st.NotActions...)))
		}
	}
}

func stmtName(pol *schema.Policy, st *schema.Statement) string {
	name := compiler.PolicyRef(pol)
	if st.Sid != "" {
		return name + "." + st.Sid
	}
	for i, s := range pol.Document.Statements {
		if s == st {
			return fmt.Sprintf("%s.statement[%d]", name, i)
		}
	}
	return name
}

func listValues(ss []schema.String) string {
	const max = 3
	var parts []string
	for i, s := range ss {
		if i == max {
			parts = append(parts, fmt.Sprintf("and %d more", len(ss)-max))
			break
		}
		parts = append(parts, fmt.Sprintf("%q", s.Value))
	}
	return strings.Join(parts, ", ")
}

func hasValue(ss []schema.String, v string) bool {
	for _, s := range ss {
		if s.Value == v {
			return true
		}
	}
	return false
}

// wildcardPrincipal returns the Principal entry of a statement that names
// everyone: "*" or {"AWS": "*"}.
func wildcardPrincipal(st *schema.Statement) *schema.Principal {
	for i, p := range st.Principals {
		if p.Type != "*" && p.Type != "AWS" {
			continue
		}
		for _, id := range p.Identifiers {
			if id.Value == "*" {
				return &st.Principals[i]
			}
		}
	}
	return nil
}

// scopingKeys are the condition keys that narrow a "*" principal to an
// organization, account, network or named principals.
var scopingKeys = map[string]bool{
	"aws:principalorgid": true, "aws:principalorgpaths": true, "aws:principalaccount": true,
	"aws:principalarn": true, "aws:sourceaccount": true, "aws:sourcearn": true,
	"aws:sourceorgid": true, "aws:sourceorgpaths": true, "aws:sourcevpc": true,
	"aws:sourcevpce": true, "aws:sourceip": true, "aws:userid": true, "aws:username": true,
}

// scopedByCondition reports whether a positive condition (not negated, not
// …IfExists) narrows the statement's principals.
func scopedByCondition(st *schema.Statement) bool {
	for _, c := range st.Conditions {
		op := parseOp(c.Operator.Value)
		if scopingKeys[strings.ToLower(c.Key.Value)] && !op.IfExists && !op.negated() && op.Base != "null" {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------- operators

// op is a condition operator, as the compiler parses it.
type op struct{ compiler.Operator }

func parseOp(s string) op { return op{compiler.ParseOperator(s)} }

func (o op) negated() bool {
	return strings.Contains(o.Base, "not")
}

// ---------------------------------------------------------------- conditions

var variableRE = regexp.MustCompile(`\$\{[^}]*\}`)

func (a *analyzer) conditions(pol *schema.Policy, st *schema.Statement) {
	for _, c := range st.Conditions {
		o := parseOp(c.Operator.Value)
		key := strings.ToLower(c.Key.Value)
		switch o.Base {
		case "stringequals", "stringnotequals", "stringequalsignorecase", "stringnotequalsignorecase":
			for _, v := range c.Values {
				if strings.ContainsAny(variableRE.ReplaceAllString(v.Value, ""), "*?") {
					like := strings.Replace(c.Operator.Value, "Equals", "Like", 1)
					like = strings.Replace(like, "IgnoreCase", "", 1)
					a.add(CodeStringEqualsWithWildcard, v.Range, pol,
						"%s compares %q literally: * and ? are wildcards only with %s", c.Operator.Value, v.Value, like)
				}
			}
		case "bool":
			if st.Effect == schema.Deny && o.Set == "" && !o.IfExists && key == "aws:multifactorauthpresent" {
				for _, v := range c.Values {
					if strings.EqualFold(v.Value, "false") {
						a.add(CodeDenyWithBoolMFAFalse, c.Operator.Range, pol,
							"this Deny does not apply to requests signed with long-term access keys: aws:MultiFactorAuthPresent is absent for them, and Bool on an absent key is false")
					}
				}
			}
		}
		if o.Set == "all" && st.Effect == schema.Allow && !a.singleValued[c.Operator.Range] && !guarded(st, key) {
			a.add(CodeForAllValuesWithoutNullCheck, c.Operator.Range, pol,
				"%s on %s is true when the request has no %s at all, so this Allow applies to such requests", c.Operator.Value, c.Key.Value, c.Key.Value)
		}
	}
}

// guarded reports whether a statement requires the key to be present: a
// Null {key: false} condition, or a ForAnyValue condition on it (false when
// the key is absent).
func guarded(st *schema.Statement, key string) bool {
	for _, c := range st.Conditions {
		if strings.ToLower(c.Key.Value) != key {
			continue
		}
		o := parseOp(c.Operator.Value)
		if o.Base == "null" && o.Set == "" {
			for _, v := range c.Values {
				if strings.EqualFold(v.Value, "false") {
					return true
				}
			}
		}
		if o.Set == "any" && !o.IfExists && !o.negated() {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------- PassRole

func (a *analyzer) passRole(pol *schema.Policy, st *schema.Statement) {
	if !allowsAction(st, "iam:passrole") {
		return
	}
	for _, c := range st.Conditions {
		if strings.EqualFold(c.Key.Value, "iam:PassedToService") {
			return
		}
	}
	if st.NotResources != nil {
		a.add(CodePassRoleWithStarInResource, st.Range, pol, "statement %s allows iam:PassRole on every role but %s", stmtName(pol, st), listValues(st.NotResources))
		return
	}
	for _, r := range st.Resources {
		if allRoles(r.Value) {
			a.add(CodePassRoleWithStarInResource, r.Range, pol,
				"statement %s allows iam:PassRole on %q: any role, with all its permissions, can be passed to a service", stmtName(pol, st), r.Value)
		}
	}
}

// allowsAction reports whether the statement's Action or NotAction covers
// the (lower-case) action.
func allowsAction(st *schema.Statement, action string) bool {
	if st.Actions != nil {
		for _, a := range st.Actions {
			if match(strings.ToLower(a.Value), action) {
				return true
			}
		}
		return false
	}
	if st.NotActions != nil {
		for _, a := range st.NotActions {
			if match(strings.ToLower(a.Value), action) {
				return false
			}
		}
		return true
	}
	return false
}

// allRoles reports whether a resource pattern matches every role of an
// account (or of every account).
func allRoles(r string) bool {
	if r == "*" {
		return true
	}
	parts := strings.SplitN(r, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" {
		return false
	}
	return covers(parts[5], "role/*")
}

// ---------------------------------------------------------------- ARN shape

var (
	partitionRE = regexp.MustCompile(`^(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc)$`)
	wildPartRE  = regexp.MustCompile(`^[a-z*?-]+$`)
	arnSvcRE    = regexp.MustCompile(`^[a-z0-9-]+$`)
	regionRE    = regexp.MustCompile(`^[a-z0-9*?-]*$`)
	accountRE   = regexp.MustCompile(`^([0-9]{12}|aws|[0-9*?]*[*?][0-9*?]*)?$`)
)

// globalServices have no region in their ARNs; regionAndAccount have
// neither region nor account (S3 buckets and objects, Route 53).
var (
	globalServices   = map[string]bool{"iam": true, "sts": true, "cloudfront": true, "organizations": true, "route53": true, "waf": true}
	regionAndAccount = map[string]bool{"s3": true, "route53": true}
	// s3Regional are the S3 resource types whose ARNs have a region and an
	// account.
	s3Regional = []string{"accesspoint/", "job/", "storage-lens/", "storage-lens-group/", "access-grants/", "async-request/", "outpost/", "accessgrantsinstance"}
)

func (a *analyzer) arnShape(r schema.String, pol *schema.Policy) {
	s := r.Value
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || strings.Contains(strings.Join(parts[:5], ":"), "${") {
		return // the compiler reports these
	}
	part, svc, region, account, res := parts[1], parts[2], parts[3], parts[4], parts[5]
	bad := func(format string, args ...any) {
		a.add(CodeInvalidARNSegment, r.Range, pol, "%q: %s", s, fmt.Sprintf(format, args...))
	}
	switch {
	case part == "":
		// reported by the compiler
	case !partitionRE.MatchString(part) && !(strings.ContainsAny(part, "*?") && wildPartRE.MatchString(part)):
		bad("%q is not an AWS partition (aws, aws-cn, aws-us-gov, …)", part)
	case svc == "":
		bad("the service segment is empty")
	case strings.ToLower(svc) != svc && arnSvcRE.MatchString(strings.ToLower(svc)):
		bad("the service segment is lower case: %q", strings.ToLower(svc))
	case !arnSvcRE.MatchString(svc) && !strings.ContainsAny(svc, "*?"):
		bad("%q is not a service prefix (lower-case letters, digits and -)", svc)
	case !regionRE.MatchString(region):
		bad("%q is not a region (like us-east-1)", region)
	case !accountRE.MatchString(account):
		bad("%q is not an account ID (12 digits)", account)
	case res == "":
		bad("the resource part (after the fifth colon) is empty")
	}
	literal := func(seg string) bool { return seg != "" && !strings.ContainsAny(seg, "*?") }
	notAllowed := func(what, seg string) {
		a.add(CodeARNSegmentNotAllowed, r.Range, pol, "%q: %s ARNs have no %s, so %q matches no %s resource", s, svc, what, seg, svc)
	}
	if svc == "s3" {
		for _, p := range s3Regional {
			if strings.HasPrefix(res, p) {
				return
			}
		}
	}
	if (globalServices[svc] || regionAndAccount[svc]) && literal(region) {
		notAllowed("region", region)
		return
	}
	if regionAndAccount[svc] && literal(account) {
		notAllowed("account", account)
	}
}

// ---------------------------------------------------------------- redundancy

// maxCompare bounds the length of values compared for redundancy, so that
// a hostile project cannot make the quadratic pattern comparison slow. AWS
// policies are at most 10,240 characters.
const maxCompare = 2048

// maxValues bounds the list lengths compared pairwise for redundancy.
const maxValues = 1000

// redundantValues reports the values of one element (actions or resources)
// that repeat another or that another one's wildcard covers.
func (a *analyzer) redundantValues(pol *schema.Policy, vals []schema.String, code schema.Code, what string, fold bool) {
	norm := func(s string) string {
		if fold {
			return strings.ToLower(s)
		}
		return s
	}
	first := map[string]bool{}
	var wild []schema.String
	for _, v := range vals {
		if strings.ContainsAny(v.Value, "*?") {
			wild = append(wild, v)
		}
	}
	for _, v := range vals {
		n := norm(v.Value)
		if first[n] {
			a.add(code, v.Range, pol, "%s %q is listed twice in this statement", what, v.Value)
			continue
		}
		first[n] = true
		if len(vals) > maxValues {
			continue
		}
		for _, w := range wild {
			if norm(w.Value) != n && coversValue(w.Value, v.Value, fold) {
				a.add(code, v.Range, pol, "%s %q is already covered by %q in this statement", what, v.Value, w.Value)
				break
			}
		}
	}
}

// coversValue reports whether pattern p matches everything pattern q does.
// Values with policy variables are compared as they are written.
func coversValue(p, q string, fold bool) bool {
	if p == "*" {
		return true
	}
	if strings.Contains(p, "${") || strings.Contains(q, "${") {
		return p == q
	}
	if fold {
		p, q = strings.ToLower(p), strings.ToLower(q)
	}
	return covers(p, q)
}

// redundantStatements reports statements that another statement of the same
// policy makes redundant: it has the same effect, applies to every action,
// resource and principal the other does, and has no condition the other
// lacks. Wherever the redundant one applies, the other one applies too.
func (a *analyzer) redundantStatements(pol *schema.Policy) {
	sts := pol.Document.Statements
	if len(sts) > 500 {
		return // quadratic; real policies have at most a few dozen statements
	}
	reported := map[int]bool{}
	for j, s2 := range sts {
		for i, s1 := range sts {
			if i == j || s1 == nil || s2 == nil || reported[i] {
				continue
			}
			if !stmtCovers(s1, s2) {
				continue
			}
			if stmtCovers(s2, s1) && i > j {
				continue // identical: report the later one
			}
			a.add(CodeRedundantStatement, s2.Range, pol, "statement %s adds nothing: %s (line %d) applies wherever it does",
				stmtName(pol, s2), stmtName(pol, s1), s1.Range.Start.Line)
			reported[j] = true
			break
		}
	}
}

func stmtCovers(s1, s2 *schema.Statement) bool {
	if s1.Effect != s2.Effect || (s1.Effect != schema.Allow && s1.Effect != schema.Deny) {
		return false
	}
	return elementCovers(s1.Actions, s1.NotActions, s2.Actions, s2.NotActions, true) &&
		resourcesCover(s1, s2) &&
		principalsCover(s1, s2) &&
		conditionsSubset(s1.Conditions, s2.Conditions)
}

func resourcesCover(s1, s2 *schema.Statement) bool {
	if s1.Resources == nil && s1.NotResources == nil {
		return s2.Resources == nil && s2.NotResources == nil
	}
	if hasValue(s1.Resources, "*") {
		return true
	}
	return elementCovers(s1.Resources, s1.NotResources, s2.Resources, s2.NotResources, false)
}

// elementCovers compares Action/NotAction (or Resource/NotResource)
// elements: a list covers a list when each of the second's patterns is
// covered by one of the first's; a NotAction list covers another NotAction
// list when it excludes less.
func elementCovers(in1, not1, in2, not2 []schema.String, fold bool) bool {
	all := func(qs, ps []schema.String) bool {
		if len(qs) == 0 || len(qs) > maxValues || len(ps) > maxValues {
			return false
		}
		for _, q := range qs {
			ok := false
			for _, p := range ps {
				if coversValue(p.Value, q.Value, fold) {
					ok = true
					break
				}
			}
			if !ok {
				return false
			}
		}
		return true
	}
	switch {
	case in1 != nil && in2 != nil && not1 == nil && not2 == nil:
		return all(in2, in1)
	case not1 != nil && not2 != nil && in1 == nil && in2 == nil:
		return all(not1, not2)
	}
	return false
}

func principalsCover(s1, s2 *schema.Statement) bool {
	if s1.NotPrincipals != nil || s2.NotPrincipals != nil {
		return principalKey(s1.NotPrincipals) == principalKey(s2.NotPrincipals) && s1.Principals == nil && s2.Principals == nil
	}
	if s1.Principals == nil || s2.Principals == nil {
		return s1.Principals == nil && s2.Principals == nil
	}
	if wildcardPrincipal(s1) != nil {
		return true
	}
	have := map[string]bool{}
	for _, p := range s1.Principals {
		for _, id := range p.Identifiers {
			have[p.Type+"\x00"+id.Value] = true
		}
	}
	for _, p := range s2.Principals {
		for _, id := range p.Identifiers {
			if !have[p.Type+"\x00"+id.Value] {
				return false
			}
		}
	}
	return true
}

func principalKey(ps []schema.Principal) string {
	var keys []string
	for _, p := range ps {
		for _, id := range p.Identifiers {
			keys = append(keys, p.Type+"\x00"+id.Value)
		}
	}
	sort.Strings(keys)
	return strings.Join(keys, "\x01")
}

// conditionsSubset reports whether every condition of c1 is also a
// condition of c2 (same operator, key and values).
func conditionsSubset(c1, c2 []schema.Condition) bool {
	key := func(c schema.Condition) string {
		vals := make([]string, len(c.Values))
		for i, v := range c.Values {
			vals[i] = v.Value
		}
		sort.Strings(vals)
		return strings.ToLower(c.Operator.Value) + "\x00" + strings.ToLower(c.Key.Value) + "\x00" + strings.Join(vals, "\x01")
	}
	have := map[string]bool{}
	for _, c := range c2 {
		have[key(c)] = true
	}
	for _, c := range c1 {
		if !have[key(c)] {
			return false
		}
	}
	return true
}

// ---------------------------------------------------------------- patterns

// match is wildcard.Match within the bound of maxCompare: a longer value
// matches only itself or "*".
func match(p, s string) bool {
	if len(p) > maxCompare || len(s) > maxCompare {
		return p == s || p == "*"
	}
	return wildcard.Match(p, s)
}

// covers is wildcard.Covers within the bound of maxCompare.
func covers(p, q string) bool {
	if len(p) > maxCompare || len(q) > maxCompare {
		return p == q || p == "*"
	}
	return wildcard.Covers(p, q)
}

// ---------------------------------------------------------------- project

func (a *analyzer) unattached() {
	used := map[string]bool{}
	mark := func(refs []schema.Ref) {
		for _, r := range refs {
			used[string(r.Kind)+"."+r.Name] = true
		}
	}
	for _, u := range a.p.Users {
		mark(u.Policies)
		if u.Boundary != nil {
			mark([]schema.Ref{*u.Boundary})
		}
	}
	for _, g := range a.p.Groups {
		mark(g.Policies)
	}
	for _, r := range a.p.Roles {
		mark(r.Policies)
		if r.Boundary != nil {
			mark([]schema.Ref{*r.Boundary})
		}
	}
	for _, o := range a.p.Organizations {
		mark(o.Policies)
	}
	for _, u := range a.p.Units {
		mark(u.Policies)
	}
	for _, ac := range a.p.Accounts {
		mark(ac.Policies)
	}
	for _, pol := range a.p.Policies {
		if !used["policy."+pol.Name] {
			a.add(CodeUnattachedPolicy, pol.DeclRange, pol, "policy.%s is attached to no user, group or role, nor used as a permissions boundary", pol.Name)
		}
	}
	for _, pol := range a.p.SCPs {
		if !used["scp."+pol.Name] {
			a.add(CodeUnattachedPolicy, pol.DeclRange, pol, "scp.%s is attached to no organization, unit or account", pol.Name)
		}
	}
}

// named returns the principal identifiers that resource and trust policies
// name.
func (a *analyzer) named() map[string]bool {
	out := map[string]bool{}
	for _, pol := range compiler.AllPolicies(a.p) {
		if pol == nil || pol.Document == nil || (pol.Kind != schema.PolicyTrust && pol.Kind != schema.PolicyResource) {
			continue
		}
		for _, st := range pol.Document.Statements {
			if st == nil || st.Effect != schema.Allow {
				continue
			}
			for _, p := range st.Principals {
				for _, id := range p.Identifiers {
					out[id.Value] = true
				}
			}
		}
	}
	return out
}

func (a *analyzer) idleUsers() {
	named := a.named()
	for _, u := range a.p.Users {
		if len(u.Groups) == 0 && len(u.Policies) == 0 && len(u.Inline) == 0 && !named[u.ARN] {
			a.add(CodeUserWithoutPermissions, u.DeclRange, nil, "user.%s is in no group, has no policy, and no trust or resource policy names it: it can do nothing", u.Name)
		}
	}
}

var assumeActions = []string{"sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity"}

func (a *analyzer) unassumableRoles() {
	for _, r := range a.p.Roles {
		if r.ServiceLinked {
			continue
		}
		if r.Trust == nil || r.Trust.Document == nil {
			a.add(CodeRoleNotAssumable, r.DeclRange, nil, "role.%s has no trust policy: no one can assume it", r.Name)
			continue
		}
		ok := false
		for _, st := range r.Trust.Document.Statements {
			if st == nil || st.Effect != schema.Allow || len(st.Principals) == 0 {
				continue
			}
			for _, act := range assumeActions {
				if allowsAction(st, act) {
					ok = true
				}
			}
		}
		if !ok {
			a.add(CodeRoleNotAssumable, r.Trust.DeclRange, r.Trust, "no statement of the trust policy of role.%s allows sts:AssumeRole to a principal: no one can assume it", r.Name)
		}
	}
}
