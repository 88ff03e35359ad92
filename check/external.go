package check

import (
	"fmt"
	"strings"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/schema"
)

// External access, as IAM Access Analyzer's [external access findings]
// see it: a resource or trust policy whose Allow lets in a principal outside
// the zone of trust of the policy's account — its organization, or the
// account itself when it is in none. Grants to everyone ("*" without a
// condition that narrows it) are TRUST_WILDCARD_PRINCIPAL and
// WILDCARD_PRINCIPAL_IN_RESOURCE_POLICY; EXTERNAL_ACCESS names the other
// accounts a policy lets in, whether by principal or by a condition on
// aws:PrincipalAccount or aws:PrincipalOrgID. Service principals are AWS's,
// and federated ones the account's own identity providers: neither is
// reported.
//
// [external access findings]: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html

// trustZones knows the zone of trust of each account: its organization, or
// the account itself when it is in none.
type trustZones struct {
	orgOf   map[string]string // account ID → organization ID ("" when in none)
	orgName map[string]string // organization ID → block name
	byID    map[string]*schema.Account
	byName  map[string]*schema.Account
}

func newTrustZones(p *schema.Project) *trustZones {
	z := &trustZones{orgOf: map[string]string{}, orgName: map[string]string{}, byID: map[string]*schema.Account{}, byName: map[string]*schema.Account{}}
	orgs := map[string]*schema.Organization{}
	for _, o := range p.Organizations {
		orgs[o.Name] = o
		z.orgName[o.ID] = o.Name
	}
	units := map[string]*schema.Unit{}
	for _, u := range p.Units {
		units[u.Name] = u
	}
	for _, a := range p.Accounts {
		z.byID[a.ID] = a
		z.byName[a.Name] = a
		for _, o := range p.Organizations {
			if o.Management != nil && o.Management.Name == a.Name {
				z.orgOf[a.ID] = o.ID
			}
		}
		seen := map[string]bool{}
		for parent := a.Parent; parent != nil && !seen[parent.Name]; {
			seen[parent.Name] = true
			if parent.Kind == schema.KindOrganization {
				if o := orgs[parent.Name]; o != nil {
					z.orgOf[a.ID] = o.ID
				}
				break
			}
			u := units[parent.Name]
			if u == nil {
				break
			}
			parent = &u.Parent
		}
	}
	return z
}

// inside reports whether an account is in the zone of trust of owner.
func (z *trustZones) inside(owner, account string) bool {
	if account == owner {
		return true
	}
	org := z.orgOf[owner]
	return org != "" && z.orgOf[account] == org
}

// zoneName names the zone of trust of an account, for messages.
func (z *trustZones) zoneName(owner string) string {
	if org := z.orgOf[owner]; org != "" {
		return fmt.Sprintf("organization %s (%s)", z.orgName[org], org)
	}
	return "account " + owner
}

// accountName describes an account ID, with its block when the project
// declares it.
func (z *trustZones) accountName(id string) string {
	if a := z.byID[id]; a != nil && !a.Implicit {
		return fmt.Sprintf("account.%s (%s)", a.Name, id)
	}
	return "account " + id
}

// principalAccount is the account of an AWS principal identifier: an
// account ID, or the account segment of an IAM or STS ARN; "" for "*" or
// anything else.
func principalAccount(id string) string {
	if len(id) == 12 && strings.Trim(id, "0123456789") == "" {
		return id
	}
	parts := strings.SplitN(id, ":", 6)
	if len(parts) == 6 && parts[0] == "arn" && (parts[2] == "iam" || parts[2] == "sts") {
		return parts[4]
	}
	return ""
}

func (a *analyzer) externalAccess() {
	z := newTrustZones(a.p)
	check := func(pol *schema.Policy, account string) {
		owner := z.byName[account]
		if pol == nil || pol.Document == nil || owner == nil {
			return
		}
		for _, st := range pol.Document.Statements {
			if st != nil && st.Effect == schema.Allow {
				a.externalStatement(z, pol, st, owner.ID)
			}
		}
	}
	for _, r := range a.p.Resources {
		check(r.Policy, r.Account)
	}
	for _, r := range a.p.Roles {
		check(r.Trust, r.Account)
	}
}

func (a *analyzer) externalStatement(z *trustZones, pol *schema.Policy, st *schema.Statement, owner string) {
	if narrowedToZone(z, st, owner) {
		return
	}
	what := fmt.Sprintf("%s allows %s", compiler.PolicyRef(pol), listValues(append(st.Actions, st.NotActions...)))
	if pol.Kind == schema.PolicyTrust {
		what = fmt.Sprintf("the trust policy of %s lets", pol.Owner)
	}
	for _, p := range st.Principals {
		if p.Type != "AWS" {
			continue
		}
		for _, id := range p.Identifiers {
			acct := principalAccount(id.Value)
			if acct == "" || z.inside(owner, acct) {
				continue
			}
			who := z.accountName(acct)
			if acct != id.Value {
				who = fmt.Sprintf("%s of %s", id.Value, who)
			}
			a.add(CodeExternalAccess, id.Range, pol, "%s %s, outside %s", what, grantee(pol, who), z.zoneName(owner))
		}
	}
	if wildcardPrincipal(st) == nil {
		return
	}
	// "*" narrowed by a condition to accounts or organizations: those
	// outside the zone are let in.
	for _, c := range st.Conditions {
		op := parseOp(c.Operator.Value)
		if op.negated() || op.IfExists || op.Base == "null" {
			continue
		}
		key := strings.ToLower(c.Key.Value)
		for _, v := range c.Values {
			switch {
			case key == "aws:principalaccount" && principalAccount(v.Value) != "" && !z.inside(owner, v.Value):
				a.add(CodeExternalAccess, v.Range, pol, "%s %s, outside %s", what, grantee(pol, "every principal of "+z.accountName(v.Value)), z.zoneName(owner))
			case key == "aws:principalorgid" && v.Value != z.orgOf[owner] && !strings.ContainsAny(v.Value, "*?"):
				a.add(CodeExternalAccess, v.Range, pol, "%s %s, outside %s", what, grantee(pol, "every principal of organization "+v.Value), z.zoneName(owner))
			}
		}
	}
}

// grantee phrases who is let in, for a resource policy ("to X") or a trust
// policy ("X assume the role").
func grantee(pol *schema.Policy, who string) string {
	if pol.Kind == schema.PolicyTrust {
		return who + " assume the role"
	}
	return "to " + who
}

// narrowedToZone reports whether a positive condition of the statement
// keeps every principal inside the zone of trust: aws:PrincipalOrgID equal
// to the owner's organization, or aws:PrincipalAccount listing only
// accounts of the zone.
func narrowedToZone(z *trustZones, st *schema.Statement, owner string) bool {
	for _, c := range st.Conditions {
		op := parseOp(c.Operator.Value)
		if op.negated() || op.IfExists || op.Set != "" || len(c.Values) == 0 || !strings.HasPrefix(op.Base, "string") {
			continue
		}
		key := strings.ToLower(c.Key.Value)
		if key != "aws:principalorgid" && key != "aws:principalaccount" {
			continue
		}
		all := true
		for _, v := range c.Values {
			in := (key == "aws:principalorgid" && v.Value == z.orgOf[owner] && v.Value != "") ||
				(key == "aws:principalaccount" && z.inside(owner, v.Value))
			all = all && in
		}
		if all {
			return true
		}
	}
	return false
}
