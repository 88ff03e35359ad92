package schema

import (
	"fmt"
	"regexp"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// VPCEndpoint is an interface or gateway VPC endpoint and its endpoint
// policy. A request made through it (its context gives aws:SourceVpce = ID)
// must also be allowed by the policy, and a Deny in it applies; the policy
// grants nothing by itself (AWS PrivateLink, "Control access to VPC
// endpoints using endpoint policies":
// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
type VPCEndpoint struct {
	Name    string
	ID      String // vpce-…
	VPC     String // vpc-…
	Account string // account block name
	// Services are the service prefixes the endpoint serves, lower case,
	// in the order written.
	Services []String
	// Policy is the endpoint policy; nil means the default policy, which
	// allows every principal every action on every resource.
	Policy    *Policy
	DeclRange hcl.Range
}

var endpointAttrs = []string{"id", "vpc", "account", "service", "services"}

var (
	// AWS gives endpoint and VPC IDs as the prefix and hexadecimal digits
	// (vpce-0a1b2c3d4e5f67890); a project may use any lower-case letters
	// and digits, as examples do.
	vpceIDRE = regexp.MustCompile(`^vpce-[a-z0-9]+$`)
	vpcIDRE  = regexp.MustCompile(`^vpc-[a-z0-9]+$`)
)

// endpointObjects makes the reference objects of the vpc_endpoint blocks
// (vpc_endpoint.x.id, vpc_endpoint.x.vpc) in phase 1, so that tests and
// policies can name an endpoint's ID, and reports endpoints that share an
// ID.
func (l *loader) endpointObjects() {
	base := l.evalContext(nil)
	seen := map[string]*pending{}
	for _, p := range l.blocksOf(KindVPCEndpoint) {
		attrs := map[string]cty.Value{"id": cty.NullVal(cty.String), "vpc": cty.NullVal(cty.String)}
		body := p.block.Body
		if a := body.Attributes["id"]; a != nil {
			if s, ok := l.evalString(a, base); ok {
				switch first := seen[s.Value]; {
				case !vpceIDRE.MatchString(s.Value):
					l.errorf(CodeInvalidName, s.Range, "Invalid VPC endpoint id", "a VPC endpoint id is vpce- and lower-case letters or digits, like \"vpce-0a1b2c3d\", not %q", s.Value)
				case first != nil:
					l.errorf(CodeDuplicateDeclaration, s.Range, "Duplicate VPC endpoint id", "vpc_endpoint %q already has id %s", first.name, s.Value)
				default:
					seen[s.Value] = p
				}
				p.id = s.Value
				attrs["id"] = cty.StringVal(s.Value)
			}
		} else {
			l.errorf(CodeMissingAttribute, p.block.DefRange(), "Missing endpoint id", "vpc_endpoint %q needs id = \"vpce-…\", the ID requests through it give as aws:SourceVpce", p.name)
		}
		if a := body.Attributes["vpc"]; a != nil {
			if s, ok := l.evalString(a, base); ok {
				if !vpcIDRE.MatchString(s.Value) {
					l.errorf(CodeInvalidName, s.Range, "Invalid VPC id", "a VPC id is vpc- and lower-case letters or digits, like \"vpc-0a1b2c3d\", not %q", s.Value)
				}
				attrs["vpc"] = cty.StringVal(s.Value)
			}
		} else {
			l.errorf(CodeMissingAttribute, p.block.DefRange(), "Missing endpoint vpc", "vpc_endpoint %q needs vpc = \"vpc-…\", the VPC requests through it give as aws:SourceVpc", p.name)
		}
		l.setObject(p, attrs)
	}
}

// decodeEndpoint decodes a vpc_endpoint block in phase 3.
func (l *loader) decodeEndpoint(p *pending, ctx *hcl.EvalContext) {
	c := l.content(p.block.Body, where(p), endpointAttrs, []blockSpec{{Type: "policy", Max: 1}})
	e := &VPCEndpoint{Name: p.name, DeclRange: p.block.DefRange()}
	obj := l.objects[KindVPCEndpoint][p.name]
	if a := c.Attrs["id"]; a != nil {
		e.ID = String{Value: p.id, Range: a.Expr.Range()}
	}
	if a := c.Attrs["vpc"]; a != nil {
		if v := obj.GetAttr("vpc"); !v.IsNull() {
			e.VPC = String{Value: v.AsString(), Range: a.Expr.Range()}
		}
	}
	e.Account = l.blockAccount(p, ctx, true)
	e.Services = l.endpointServices(p, c, ctx)
	for _, b := range c.blocksOf("policy") {
		pol := &Policy{Kind: PolicyEndpoint, Name: "policy", Owner: "vpc_endpoint." + p.name, Account: e.Account, DeclRange: b.DefRange()}
		pol.Document = l.document(b.Body, fmt.Sprintf("the policy of vpc_endpoint %q", p.name), ctx, "2012-10-17")
		e.Policy = pol
	}
	l.proj.Endpoints = append(l.proj.Endpoints, e)
}

// endpointServices decodes service = "s3" or services = ["s3", …]: exactly
// one of the two, each a service prefix.
func (l *loader) endpointServices(p *pending, c *bodyContent, ctx *hcl.EvalContext) []String {
	one, many := c.Attrs["service"], c.Attrs["services"]
	var out []String
	switch {
	case one != nil && many != nil:
		l.errorf(CodeInvalidPolicyElement, many.NameRange, "Both service and services", "vpc_endpoint %q takes service = \"…\" or services = [\"…\", …], not both", p.name)
		return nil
	case one != nil:
		if s, ok := l.evalString(one, ctx); ok {
			out = []String{s}
		}
	case many != nil:
		out, _ = l.evalStrings(many, ctx, false)
		if len(out) == 0 {
			if tup, ok := many.Expr.(*hclsyntax.TupleConsExpr); ok && len(tup.Exprs) == 0 {
				l.errorf(CodeInvalidAttributeValue, many.Expr.Range(), "Empty list", "services must list at least one service prefix")
			}
		}
	default:
		l.errorf(CodeMissingAttribute, p.block.DefRange(), "Missing endpoint service", "vpc_endpoint %q needs service = \"<prefix>\" (like \"s3\" or \"sts\"), the service it is an endpoint for", p.name)
		return nil
	}
	seen := map[string]hcl.Range{}
	valid := out[:0]
	for _, s := range out {
		if !servicePrefix.MatchString(s.Value) {
			l.errorf(CodeInvalidName, s.Range, "Invalid service prefix", "an endpoint serves a service named by its prefix, lower-case letters, digits and '-' (like \"s3\" or \"sts\"), not %q", s.Value)
			continue
		}
		if first, dup := seen[s.Value]; dup {
			l.errorf(CodeDuplicateDeclaration, s.Range, "Duplicate service", "%q is already listed at %s", s.Value, posString(first))
			continue
		}
		seen[s.Value] = s.Range
		valid = append(valid, s)
	}
	return valid
}
