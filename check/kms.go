package check

import (
	"strings"

	"github.com/iamc/iamc/schema"
)

// undeclaredKMSKeys reports the Allow statements of identity policies that
// name KMS keys (arn:…:kms:…:key/…) of which the project declares none. AWS
// KMS decides access to a key by its key policy; a key the project does not
// declare is decided as if it had the default key policy, whose one
// statement "gives the AWS account that owns the KMS key permission to use
// IAM policies to allow access to all AWS KMS operations on the KMS key"
// (AWS KMS Developer Guide, "Default key policy",
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html):
// the account's IAM policies decide. A key whose real policy says otherwise
// is decided differently by AWS, so a grant on an undeclared key is noted.
// Statements on "*" are not reported: most of them are not about keys.
func (a *analyzer) undeclaredKMSKeys() {
	var keys []string
	for _, r := range a.p.Resources {
		if r != nil && isKMSKey(r.ARN) {
			keys = append(keys, r.ARN)
		}
	}
	for _, pol := range append(append([]*schema.Policy{}, a.p.Policies...), inlineOf(a.p)...) {
		a.kmsGrants(pol, keys)
	}
}

// inlineOf lists the inline policies of the project's users, groups and
// roles.
func inlineOf(p *schema.Project) []*schema.Policy {
	var out []*schema.Policy
	for _, u := range p.Users {
		out = append(out, u.Inline...)
	}
	for _, g := range p.Groups {
		out = append(out, g.Inline...)
	}
	for _, r := range p.Roles {
		out = append(out, r.Inline...)
	}
	return out
}

func (a *analyzer) kmsGrants(pol *schema.Policy, keys []string) {
	if pol == nil || pol.Document == nil || pol.Kind != schema.PolicyIdentity {
		return
	}
	for _, st := range pol.Document.Statements {
		if st == nil || st.Effect != schema.Allow {
			continue
		}
		for _, r := range st.Resources {
			if !isKMSKey(r.Value) || strings.Contains(r.Value, "${") || matchesAny(r.Value, keys) {
				continue
			}
			what := "KMS key " + r.Value + ", which the project does not declare"
			if strings.ContainsAny(r.Value, "*?") {
				what = "KMS keys " + r.Value + ", none of which the project declares"
			}
			a.add(CodeUndeclaredKMSKey, r.Range, pol,
				"statement %s allows access to %s: iamc decides requests on it as if it had the default key policy, under which the account's IAM policies decide",
				stmtName(pol, st), what)
		}
	}
}

// isKMSKey reports whether an ARN (or ARN pattern) names KMS keys: service
// kms, resource part key/….
func isKMSKey(arn string) bool {
	parts := strings.SplitN(arn, ":", 6)
	return len(parts) == 6 && parts[0] == "arn" && parts[2] == "kms" && strings.HasPrefix(parts[5], "key/")
}

func matchesAny(pattern string, arns []string) bool {
	for _, k := range arns {
		if match(pattern, k) {
			return true
		}
	}
	return false
}
