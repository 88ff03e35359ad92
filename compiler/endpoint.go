package compiler

import (
	"fmt"
	"sort"
	"strings"

	"github.com/iamc/iamc/schema"
)

// mEndpoint is a VPC endpoint as the core reads it, under its ID in the
// model's endpoints: a request whose context gives aws:SourceVpce = ID went
// through it.
type mEndpoint struct {
	A   string   `json:"a"`   // the account that owns the endpoint
	VPC string   `json:"vpc"` // its VPC (aws:SourceVpc)
	SVC []string `json:"svc"` // the service prefixes it serves, lower case, sorted
	// PS is the policy set of its endpoint policy; nil for the default
	// policy, which allows everything (full access).
	PS *int `json:"ps,omitempty"`
}

// endpointPolicySizeLimit is the size limit of an endpoint policy, white
// space included: "The size of an endpoint policy cannot exceed 20,480
// characters, including white space." (AWS PrivateLink, "Control access to
// VPC endpoints using endpoint policies",
// https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html).
const endpointPolicySizeLimit = 20480

// endpointPolicies lists the policies of the project's VPC endpoints.
func endpointPolicies(p *schema.Project) []*schema.Policy {
	var out []*schema.Policy
	for _, e := range p.Endpoints {
		if e.Policy != nil {
			out = append(out, e.Policy)
		}
	}
	return out
}

// endpoints records every VPC endpoint of the project in the model, under
// its ID.
func (b *builder) endpoints() {
	for _, e := range b.p.Endpoints {
		if e.ID.Value == "" {
			continue
		}
		if b.model.Endpoints == nil {
			b.model.Endpoints = map[string]*mEndpoint{}
		}
		me := &mEndpoint{VPC: e.VPC.Value, SVC: []string{}}
		if a := b.accts[e.Account]; a != nil {
			me.A = a.ID
		}
		for _, s := range e.Services {
			me.SVC = append(me.SVC, strings.ToLower(s.Value))
		}
		sort.Strings(me.SVC)
		if e.Policy != nil {
			me.PS = intp(b.pset([]*schema.Policy{e.Policy}))
		}
		b.model.Endpoints[e.ID.Value] = me
	}
}

// endpoints checks what AWS requires of VPC endpoints beyond the rules of
// every resource-based policy (principalElements): the size of the endpoint
// policy. The PrivateLink page's other considerations (no wildcards or
// numeric operators on keys of system-generated identifiers, six literal
// characters beside a string wildcard, an ARN's account either an ID or a
// wildcard) are not checked.
func (v *validator) endpoints() {
	for _, e := range v.p.Endpoints {
		if e.Policy == nil || e.Policy.Document == nil {
			continue
		}
		// A size warning, like iamc's other size checks: iamc measures the
		// JSON it would write for statement blocks, which need not be the
		// text an endpoint is given.
		if n := docSize(e.Policy.Document, true); n > endpointPolicySizeLimit {
			v.warnf(schema.CodePolicySizeLimit, e.Policy.DeclRange, "Policy over the size limit",
				"%s is %d characters; AWS allows %d, white space included", fmt.Sprintf("the policy of vpc_endpoint %q", e.Name), n, endpointPolicySizeLimit)
		}
	}
}
