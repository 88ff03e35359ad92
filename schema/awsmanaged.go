package schema

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/iamc/iamc/catalog"
)

// KindAWSPolicy is the kind of a reference to an AWS managed policy that the
// project attaches by its ARN without supplying its document: its Name is
// the policy's name (unique across paths), so that the reference reads
// aws_policy.ReadOnlyAccess, as decisions and tests name the policy.
const KindAWSPolicy Kind = "aws_policy"

// AWSSourcePrefix starts the file name of the ranges of an embedded AWS
// managed policy document: "(aws)/ReadOnlyAccess.json",
// "(aws)/service-role/AWSLambdaRole.json". The document is iamc's copy,
// indented so that a range names a line of it; Project.Sources holds it
// under that name.
const AWSSourcePrefix = "(aws)/"

// IsAWSSource reports whether a file name is that of an embedded AWS
// managed policy document.
func IsAWSSource(name string) bool { return strings.HasPrefix(name, AWSSourcePrefix) }

// awsPolicyARN reports whether s names an AWS managed policy: an IAM policy
// ARN whose account is "aws".
func awsPolicyARN(s string) bool {
	return strings.HasPrefix(s, "arn:") && strings.Contains(s, ":iam::aws:policy/")
}

// policyRefs decodes policies = [...] of a user, group or role: references
// to policy blocks and AWS managed policy ARNs, in any mix, as Terraform
// users write them.
func (l *loader) policyRefs(a *hclsyntax.Attribute, ctx *hcl.EvalContext) []Ref {
	out := []Ref{}
	seen := map[string]hcl.Range{}
	add := func(r *Ref) {
		if r == nil {
			return
		}
		if first, dup := seen[r.String()]; dup {
			l.errorf(CodeInvalidReference, r.Range, "Duplicate reference", "%s is already listed at %s", r, posString(first))
			return
		}
		seen[r.String()] = r.Range
		out = append(out, *r)
	}
	if tup, ok := a.Expr.(*hclsyntax.TupleConsExpr); ok {
		for _, e := range tup.Exprs {
			add(l.policyElement(a, e, ctx))
		}
		return out
	}
	v, ok := l.eval(a, ctx)
	if !ok {
		return out
	}
	if v.IsNull() || !(v.Type().IsTupleType() || v.Type().IsListType() || v.Type().IsSetType()) {
		l.errorf(CodeDataTypeMismatch, a.Expr.Range(), "Wrong type", "%s must be a list of policy references or AWS managed policy ARNs, like [policy.example, \"arn:aws:iam::aws:policy/ReadOnlyAccess\"]", a.Name)
		return out
	}
	for it := v.ElementIterator(); it.Next(); {
		_, ev := it.Element()
		add(l.policyValue(a, ev, a.Expr.Range()))
	}
	return out
}

// policyRef decodes permissions_boundary: a policy reference or an AWS
// managed policy ARN.
func (l *loader) policyRef(a *hclsyntax.Attribute, ctx *hcl.EvalContext) *Ref {
	return l.policyElement(a, a.Expr, ctx)
}

// policyElement decodes one policy of an attribute: a bare reference keeps
// its own range; anything else is evaluated.
func (l *loader) policyElement(a *hclsyntax.Attribute, e hclsyntax.Expression, ctx *hcl.EvalContext) *Ref {
	kinds := []Kind{KindPolicy}
	if _, static := l.staticRefNoReport(e, kinds); static {
		r, _ := l.staticRef(e, kinds)
		return r
	}
	v, ok := l.eval(&hclsyntax.Attribute{Name: a.Name, Expr: e, SrcRange: e.Range(), NameRange: a.NameRange}, ctx)
	if !ok {
		return nil
	}
	return l.policyValue(a, v, e.Range())
}

// policyValue is the policy a value names: a policy block's object, or a
// string holding an AWS managed policy ARN.
func (l *loader) policyValue(a *hclsyntax.Attribute, v cty.Value, rng hcl.Range) *Ref {
	if !v.IsNull() && v.Type() == cty.String {
		return l.awsPolicy(String{Value: v.AsString(), Range: rng})
	}
	r, good := refFromValue(v, rng)
	if !good || r.Kind != KindPolicy {
		l.errorf(CodeDataTypeMismatch, rng, "Wrong type", "%s takes policy.<name> or the ARN of an AWS managed policy, like \"arn:aws:iam::aws:policy/ReadOnlyAccess\"", a.Name)
		return nil
	}
	return &r
}

// awsPolicy resolves an AWS managed policy ARN: the policy block that
// supplies its document when there is one, else iamc's embedded copy
// (added to the project once). An ARN of another kind, or of an AWS managed
// policy that does not exist, is an error with a suggestion.
func (l *loader) awsPolicy(s String) *Ref {
	if !awsPolicyARN(s.Value) {
		detail := "a string here is the ARN of an AWS managed policy, arn:aws:iam::aws:policy/<path><name>"
		if strings.HasPrefix(s.Value, "arn:") && strings.Contains(s.Value, ":policy/") {
			detail = "refer to a customer managed policy of the project as policy.<name>; " + detail
		}
		l.errorf(CodeInvalidReference, s.Range, "Not an AWS managed policy", "%q: %s", s.Value, detail)
		return nil
	}
	for _, p := range l.blocksOf(KindPolicy) {
		if p.awsARN == s.Value {
			return &Ref{Kind: KindPolicy, Name: p.name, Range: s.Range}
		}
	}
	mp, ok := catalog.LookupManagedPolicy(s.Value)
	if !ok {
		detail := "AWS has no managed policy with this ARN (iamc knows " + catalog.Version() + ")"
		if sug, found := catalog.SuggestManagedPolicy(s.Value); found {
			detail = "did you mean \"" + sug + "\"? " + detail
		}
		l.errorf(CodeInvalidReference, s.Range, "Unknown AWS managed policy", "%s; a policy block with arn = %q and its document supplies one iamc does not know", detail, s.Value)
		return nil
	}
	if l.awsPolicies == nil {
		l.awsPolicies = map[string]*Policy{}
	}
	if _, done := l.awsPolicies[mp.ARN]; !done {
		l.awsPolicies[mp.ARN] = l.embeddedPolicy(mp)
	}
	return &Ref{Kind: KindAWSPolicy, Name: mp.Name, Range: s.Range}
}

// embeddedPolicy decodes iamc's copy of an AWS managed policy. Its document
// is indented so that ranges name its lines, and kept in Sources under
// AWSSourcePrefix.
func (l *loader) embeddedPolicy(mp *catalog.ManagedPolicy) *Policy {
	doc, rng := l.embeddedDocument(mp)
	pol := &Policy{Kind: PolicyIdentity, Name: mp.Name, IAMName: mp.Name, AWSManaged: true, Path: mp.Path, ARN: mp.ARN,
		Document: doc, DeclRange: rng}
	l.proj.AWSPolicies = append(l.proj.AWSPolicies, pol)
	return pol
}

// embeddedDocument decodes the document of iamc's copy of an AWS managed
// policy, and returns it with the start of its source.
func (l *loader) embeddedDocument(mp *catalog.ManagedPolicy) (*Document, hcl.Range) {
	name := AWSSourcePrefix + strings.TrimPrefix(mp.Path, "/") + mp.Name + ".json"
	var buf bytes.Buffer
	src := mp.Document
	if json.Indent(&buf, mp.Document, "", "  ") == nil {
		src = buf.Bytes()
	}
	doc, diags := ParsePolicyJSON(name, src)
	l.proj.Sources[name] = src
	for _, d := range diags {
		// The embedded documents are read by this package's tests; one that
		// did not parse would be a fault of iamc, not of the project.
		l.diags = append(l.diags, Errorf(CodeInternalError, d.Subject, "Embedded AWS managed policy", "%s: %s: %s", mp.ARN, d.Summary, d.Detail))
	}
	return doc, hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos}
}

// awsPolicyBlock reads the arn of a policy block that supplies the document
// of an AWS managed policy (AWS revises them; an import brings the version
// an account has). Such a policy belongs to no account and is named by its
// ARN; it returns false for a customer managed policy.
func (l *loader) awsPolicyBlock(p *pending, ctx *hcl.EvalContext) bool {
	a := p.block.Body.Attributes["arn"]
	if a == nil {
		return false
	}
	s, ok := l.evalString(a, ctx)
	if !ok {
		return false
	}
	if !awsPolicyARN(s.Value) {
		l.errorf(CodeInvalidAttributeValue, s.Range, "Invalid arn", "arn is set only for an AWS managed policy, arn:aws:iam::aws:policy/<path><name>; a customer managed policy's ARN comes from its account, path and name")
		return false
	}
	for _, other := range l.blocksOf(KindPolicy) {
		if other != p && other.awsARN == s.Value {
			l.errorf(CodeDuplicateDeclaration, s.Range, "AWS managed policy supplied twice", "policy.%s already supplies %s", other.name, s.Value)
			return false
		}
	}
	for _, attr := range []string{"account", "path", "name"} {
		if b := p.block.Body.Attributes[attr]; b != nil {
			l.errorf(CodeInvalidPolicyElement, b.NameRange, "Attribute beside arn", "an AWS managed policy belongs to no account and takes its path and name from its ARN; remove %s", attr)
		}
	}
	rest := s.Value[strings.Index(s.Value, ":policy/")+len(":policy"):]
	i := strings.LastIndexByte(rest, '/')
	p.path, p.iamName, p.awsARN, p.arn = rest[:i+1], rest[i+1:], s.Value, s.Value
	if p.iamName == "" || !iamNameRE.MatchString(p.iamName) || !validPath(p.path) {
		l.errorf(CodeInvalidAttributeValue, s.Range, "Invalid arn", "%q is not a policy ARN: arn:aws:iam::aws:policy/<path><name>", s.Value)
	}
	return true
}

// supplyEmbedded gives a policy block that names an AWS managed policy by
// its arn and has neither statements nor a document the embedded one.
func (l *loader) supplyEmbedded(p *pending) (*Document, bool) {
	if p.awsARN == "" {
		return nil, false
	}
	body := p.block.Body
	if body.Attributes["document"] != nil {
		return nil, false
	}
	for _, b := range body.Blocks {
		if b.Type == "statement" {
			return nil, false
		}
	}
	mp, ok := catalog.LookupManagedPolicy(p.awsARN)
	if !ok {
		detail := "iamc has no copy of it; give its document with document = file(\"…\") or statement blocks"
		if sug, found := catalog.SuggestManagedPolicy(p.awsARN); found && sug != p.awsARN {
			detail = "did you mean \"" + sug + "\"? " + detail
		}
		l.errorf(CodeInvalidReference, body.Attributes["arn"].Expr.Range(), "Unknown AWS managed policy", "%s", detail)
		return nil, true
	}
	doc, _ := l.embeddedDocument(mp)
	return doc, true
}

// awsStatementRef checks the policy of an expect_statement that names an
// AWS managed policy, aws_policy.<Name>.statement.<Sid>: the name must be
// one AWS has (iamc's copy) or one a policy block supplies.
func (l *loader) awsStatementRef(t hcl.Traversal, s *String) *String {
	attr, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		l.errorf(CodeInvalidReference, s.Range, "Invalid reference", "write aws_policy.<Name>.statement.<Sid>")
		return nil
	}
	for _, p := range l.blocksOf(KindPolicy) {
		if p.awsARN != "" && p.iamName == attr.Name {
			return s
		}
	}
	if _, known := catalog.LookupManagedPolicy(attr.Name); !known {
		detail := "AWS has no managed policy named " + attr.Name
		if sug, found := catalog.SuggestManagedPolicy(attr.Name); found {
			detail = "did you mean aws_policy." + sug + "? " + detail
		}
		l.errorf(CodeInvalidReference, hcl.RangeBetween(t[0].SourceRange(), t[1].SourceRange()), "Unknown AWS managed policy", "%s", detail)
		return nil
	}
	return s
}
