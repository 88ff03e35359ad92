package compiler

import (
	"fmt"
	"sort"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/hcl/v2"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/schema"
)

// What the AWS service catalog (package catalog) says of a policy: actions
// of unknown services, unknown actions, wildcards that match no action,
// unknown condition keys, operators of the wrong type for their key, and
// resources that fit none of the actions' resource types. IAM accepts all
// of these, so they are warnings, never errors: the statement just does not
// do what it says. A prefix that a service block declares is the project's
// own service, checked against its block (validate.go) and never against
// the catalog.

// awsKey is the reference of an AWS managed policy: aws_policy.<Name>.
func awsKey(name string) string { return string(schema.KindAWSPolicy) + "." + name }

// CatalogDiagnostics checks one policy against the AWS service catalog. The
// diagnostics are warnings with the codes of schema/code.go (CatalogCodes).
// iamc check reports all of them; iamc build (build true) leaves out an
// unknown service prefix that is not a likely typo of an AWS one, which is
// usually a service of the project's own without a service block, and the
// resource types, which cost a build of many statements a fifth of its
// time.
func CatalogDiagnostics(p *schema.Project, pol *schema.Policy, build bool) hcl.Diagnostics {
	return NewCatalogChecker(p, build).Diagnostics(pol)
}

// CatalogChecker checks the policies of one project against the AWS service
// catalog, remembering what it looked up: projects repeat their actions and
// resources, and a large one would otherwise pay for each again.
type CatalogChecker struct {
	custom map[string]bool // service prefixes with a service block
	build  bool
	// expand caches the expansion of action wildcards; fits whether a
	// resource fits an action's resource types, by action and resource.
	expand map[string][]string
	fits   map[[2]string]bool
}

// NewCatalogChecker returns a checker for the policies of p; build is as for
// CatalogDiagnostics.
func NewCatalogChecker(p *schema.Project, build bool) *CatalogChecker {
	c := &CatalogChecker{custom: map[string]bool{}, build: build, expand: map[string][]string{}, fits: map[[2]string]bool{}}
	for _, s := range p.Services {
		c.custom[s.Name] = true
	}
	return c
}

// Diagnostics checks one policy.
func (k *CatalogChecker) Diagnostics(pol *schema.Policy) hcl.Diagnostics {
	if pol == nil || pol.Document == nil {
		return nil
	}
	c := &catalogCheck{CatalogChecker: k}
	for _, st := range pol.Document.Statements {
		if st == nil {
			continue
		}
		known := true
		for _, a := range append(append([]schema.String{}, st.Actions...), st.NotActions...) {
			known = c.action(a) && known
		}
		for _, cond := range st.Conditions {
			c.condition(cond)
		}
		if known && !c.build && pol.Kind != schema.PolicyTrust && st.NotActions == nil && st.NotResources == nil {
			c.resources(st)
		}
	}
	return c.diags
}

// catalogCheck checks one policy.
type catalogCheck struct {
	*CatalogChecker
	diags hcl.Diagnostics
}

// expandAction is catalog.ExpandAction, remembered.
func (k *CatalogChecker) expandAction(pattern string) []string {
	key := strings.ToLower(pattern)
	if out, ok := k.expand[key]; ok {
		return out
	}
	out := catalog.ExpandAction(pattern)
	k.expand[key] = out
	return out
}

// fitsType is fitsType, remembered.
func (k *CatalogChecker) fitsType(action, resource string) bool {
	key := [2]string{strings.ToLower(action), resource}
	if ok, seen := k.fits[key]; seen {
		return ok
	}
	ok := fitsType(action, resource)
	k.fits[key] = ok
	return ok
}

// CatalogCodes are the codes of CatalogDiagnostics.
var CatalogCodes = []schema.Code{schema.CodeUnknownService, schema.CodeUnknownAWSAction, schema.CodeWildcardMatchesNone,
	schema.CodeUnknownConditionKey, schema.CodeConditionTypeMismatch, schema.CodeResourceTypeMismatch}

func (c *catalogCheck) warnf(code schema.Code, rng hcl.Range, summary, format string, args ...any) {
	c.diags = append(c.diags, schema.Warnf(code, rng.Ptr(), summary, format, args...))
}

// action checks one action against the catalog; it returns whether the
// action is one of the catalog's (or matches some), so that the resource
// check can trust its resource types.
func (c *catalogCheck) action(a schema.String) bool {
	prefix, name, ok := strings.Cut(a.Value, ":")
	if a.Value == "*" || !ok || !actionRE.MatchString(a.Value) {
		return a.Value == "*"
	}
	if c.custom[strings.ToLower(prefix)] {
		return false
	}
	if _, known := catalog.LookupService(prefix); !known {
		detail := fmt.Sprintf("%q is no service prefix of the AWS catalog iamc embeds, and no service block declares it", prefix)
		if sug, found := catalog.SuggestService(prefix); found {
			detail = fmt.Sprintf("did you mean %q? %s", sug+":"+name, detail)
		} else if c.build {
			return false
		} else {
			detail += fmt.Sprintf("; for a service of your own, declare service %q { actions = [...] }", strings.ToLower(prefix))
		}
		c.warnf(schema.CodeUnknownService, a.Range, "Unknown service", "%s", detail)
		return false
	}
	if hasWildcard(name) {
		if len(c.expandAction(a.Value)) == 0 {
			c.warnf(schema.CodeWildcardMatchesNone, a.Range, "Action pattern matches no action", "%q matches none of the actions of %s", a.Value, prefix)
			return false
		}
		return true
	}
	if _, known := catalog.LookupAction(a.Value); !known {
		detail := fmt.Sprintf("the AWS service %s has no action %q", prefix, name)
		if sug, found := catalog.SuggestAction(a.Value); found {
			detail = fmt.Sprintf("did you mean %q? %s", sug, detail)
		}
		c.warnf(schema.CodeUnknownAWSAction, a.Range, "Unknown action", "%s", detail)
		return false
	}
	return true
}

// condition checks a condition's key against the catalog: a key of AWS's
// global table or of a known service must exist, and its operator must
// read values of the key's type.
func (c *catalogCheck) condition(cond schema.Condition) {
	key := cond.Key.Value
	prefix, _, ok := strings.Cut(key, ":")
	if !ok || key == "" {
		return
	}
	lp := strings.ToLower(prefix)
	k, found := catalog.LookupConditionKey(key)
	if lp != "aws" {
		if _, service := catalog.LookupService(prefix); !service || c.custom[lp] {
			return // a key of another issuer (saml:, an OIDC provider) or of the project's own service
		}
	} else if found && !k.Global {
		found = false
	}
	if !found {
		detail := fmt.Sprintf("%s has no condition key %q", keyOwner(lp), key)
		if sug := suggestKey(key, lp); sug != "" {
			detail = fmt.Sprintf("did you mean %q? %s", sug, detail)
		}
		c.warnf(schema.CodeUnknownConditionKey, cond.Key.Range, "Unknown condition key", "%s: the condition never sees a value for it", detail)
		return
	}
	op := ParseOperator(cond.Operator.Value)
	info, known := operators[op.Base]
	if !known || info.code == "null" {
		return
	}
	if want := k.ScalarType(); !operatorFits(operatorType(info.code), want) {
		c.warnf(schema.CodeConditionTypeMismatch, cond.Operator.Range, "Operator of the wrong type",
			"%s compares %s values, but %s is of type %s: use a %s operator", cond.Operator.Value, typeWords(operatorType(info.code)), k.Name, k.Type, operatorFamily(want))
	}
}

func keyOwner(prefix string) string {
	if prefix == "aws" {
		return "the AWS global condition keys list"
	}
	return "the AWS service " + prefix
}

// suggestKey proposes the known key closest to a misspelled one: among the
// global keys for aws:, else among the service's keys.
func suggestKey(key, prefix string) string {
	var names []string
	if prefix == "aws" {
		for _, k := range catalog.GlobalConditionKeys() {
			names = append(names, k.Name)
		}
	} else if svc, ok := catalog.LookupService(prefix); ok {
		for _, k := range svc.ConditionKeys {
			names = append(names, k.Name)
		}
	}
	best, bestDist := "", 4
	lower := strings.ToLower(key)
	for _, n := range names {
		if d := levenshtein.Distance(lower, strings.ToLower(n), nil); d < bestDist {
			best, bestDist = n, d
		}
	}
	return best
}

// operatorFits reports whether an operator reading values of type op (keys.go)
// suits a key whose values are of the catalog's scalar type: string
// operators suit String and ARN keys, ARN operators ARN and String keys,
// and the others only their own type.
func operatorFits(op, keyType string) bool {
	switch keyType {
	case "String":
		return op == typeString || op == typeARN
	case "ARN":
		return op == typeString || op == typeARN
	case "Numeric":
		return op == typeNumber
	case "Date":
		return op == typeDate
	case "Bool":
		return op == typeBool
	case "IPAddress":
		return op == typeIP
	case "Binary":
		return op == typeBinary
	}
	return true // a type iamc does not check (Null)
}

func typeWords(t string) string {
	switch t {
	case typeNumber:
		return "numeric"
	case typeDate:
		return "date"
	case typeBool:
		return "boolean"
	case typeIP:
		return "IP address"
	case typeBinary:
		return "binary"
	case typeARN:
		return "ARN"
	}
	return "string"
}

func operatorFamily(keyType string) string {
	switch keyType {
	case "Numeric":
		return "Numeric… (NumericLessThan, …)"
	case "Date":
		return "Date… (DateGreaterThan, …)"
	case "Bool":
		return "Bool"
	case "IPAddress":
		return "IpAddress or NotIpAddress"
	case "Binary":
		return "BinaryEquals"
	case "ARN":
		return "Arn… or String…"
	}
	return "String… (StringEquals, StringLike, …)"
}

// resources checks that every Resource of a statement whose actions are all
// in the catalog can name a resource one of them acts on, and that every
// action it names exactly acts on one of its resources: s3:ListBucket on
// arn:aws:s3:::b/* (an object, not a bucket) allows nothing.
func (c *catalogCheck) resources(st *schema.Statement) {
	var actions []string
	var exact []schema.String
	for _, a := range st.Actions {
		if a.Value == "*" {
			return
		}
		if hasWildcard(a.Value) {
			actions = append(actions, c.expandAction(a.Value)...)
			continue
		}
		actions = append(actions, a.Value)
		exact = append(exact, a)
	}
	if len(actions) == 0 || len(actions) > maxResourceCheck {
		return
	}
	var named []schema.String
	for _, r := range st.Resources {
		if r.Value == "*" {
			return // "*" fits every action
		}
		if !strings.HasPrefix(r.Value, "arn:") {
			return // not an ARN: the validator reports it
		}
		named = append(named, r)
	}
	if len(named) == 0 {
		return
	}
	allFit := true
	for _, r := range named {
		fits := false
		for _, a := range actions {
			if c.fitsType(a, r.Value) {
				fits = true
				break
			}
		}
		if !fits {
			allFit = false
			c.warnf(schema.CodeResourceTypeMismatch, r.Range, "Resource of no action's type",
				"%q is not a resource any action of the statement acts on (%s)", r.Value, actionTypes(actions))
		}
	}
	if !allFit {
		return // the resources are wrong; the actions may be right
	}
	for _, a := range exact {
		fits := false
		for _, r := range named {
			if c.fitsType(a.Value, r.Value) {
				fits = true
				break
			}
		}
		if !fits {
			c.warnf(schema.CodeResourceTypeMismatch, a.Range, "Action on none of the statement's resources",
				"%s acts on %s, and no resource of the statement is one: the statement never applies to it", a.Value, actionTypes([]string{a.Value}))
		}
	}
}

// fitsType reports whether a Resource can name a resource the action acts
// on. An empty region or account segment fits any: resources AWS owns have
// none (arn:aws:ssm:us-east-1::document/AWS-RunShellScript, public AMIs and
// snapshots), though the reference's ARN formats always name one.
func fitsType(action, resource string) bool {
	if _, ok := catalog.MatchResourceType(action, resource); ok {
		return true
	}
	parts := strings.SplitN(resource, ":", 6)
	if len(parts) != 6 || (parts[3] != "" && parts[4] != "") {
		return false
	}
	for i := 3; i <= 4; i++ {
		if parts[i] == "" {
			parts[i] = "*"
		}
	}
	_, ok := catalog.MatchResourceType(action, strings.Join(parts, ":"))
	return ok
}

// maxResourceCheck bounds the actions whose resource types are compared
// with a statement's resources.
const maxResourceCheck = 500

// actionTypes describes the resource types of actions, with an ARN format
// each: "s3:ListBucket: bucket (arn:${Partition}:s3:::${BucketName})".
func actionTypes(actions []string) string {
	seen := map[string]bool{}
	var parts []string
	star := false
	for _, a := range actions {
		types, ok := catalog.ResourceTypesFor(a)
		if !ok {
			continue
		}
		if len(types) == 0 {
			star = true
		}
		for _, t := range types {
			if !seen[t.Name] {
				seen[t.Name] = true
				parts = append(parts, fmt.Sprintf("%s %s", t.Name, t.ARNFormat))
			}
		}
	}
	sort.Strings(parts)
	if len(parts) > 4 {
		parts = append(parts[:4], fmt.Sprintf("and %d more", len(parts)-4))
	}
	if star {
		parts = append(parts, `"*" only, for actions without resource types`)
	}
	return "resource types: " + strings.Join(parts, ", ")
}

// catalogKeyType is the type of a condition key the AWS catalog knows, as
// the model's key table writes it (keys.go).
func catalogKeyType(key string) (string, bool) {
	k, ok := catalog.LookupConditionKey(key)
	if !ok {
		return "", false
	}
	names := map[string]string{"String": typeString, "ARN": typeARN, "Binary": typeBinary, "Numeric": typeNumber,
		"Date": typeDate, "Bool": typeBool, "IPAddress": typeIP}
	t, ok := names[k.ScalarType()]
	if !ok {
		return "", false
	}
	if k.MultiValued() {
		t += multi
	}
	return t, true
}

// EmbeddedAWS reports whether a policy is iamc's copy of an AWS managed
// policy (a policy block that supplies one is the project's).
func EmbeddedAWS(pol *schema.Policy) bool {
	return pol.AWSManaged && schema.IsAWSSource(pol.DeclRange.Filename)
}

// AWSPolicyDiagnostics is what validation says of iamc's copy of an AWS
// managed policy. A build never reports it: AWS wrote and accepted the
// document, and iamc reads it as written (one AWS policy puts a policy
// variable in the account segment of an ARN, which IAM refuses in a
// customer's policy). iamc check reports it apart.
func AWSPolicyDiagnostics(p *schema.Project, pol *schema.Policy) hcl.Diagnostics {
	v := &validator{p: p, catalog: map[string]map[string]string{}}
	v.document(pol)
	return v.diags
}

// maxCatalogWarnings is how many warnings of each catalog code a build
// prints; iamc check lists them all.
const maxCatalogWarnings = 10

// capCatalogWarnings keeps the first maxCatalogWarnings warnings of each
// code and says how many more there are.
func capCatalogWarnings(diags hcl.Diagnostics) hcl.Diagnostics {
	count := map[schema.Code]int{}
	var out hcl.Diagnostics
	for _, d := range diags {
		code := schema.CodeOf(d)
		count[code]++
		if count[code] <= maxCatalogWarnings {
			out = append(out, d)
		}
	}
	for _, code := range CatalogCodes {
		if n := count[code] - maxCatalogWarnings; n > 0 {
			out = append(out, schema.Warnf(code, nil, "More warnings of the AWS catalog", "%d more %s warnings; iamc check lists them all", n, code))
		}
	}
	return out
}
