package check

import (
	"github.com/iamc/iamc/schema"
)

// allowWithNotPrincipal reports an Allow statement with NotPrincipal in a
// resource-based or VPC endpoint policy. AWS accepts such a statement, but
// it allows every principal except the ones listed, anonymous callers
// included: "We strongly recommend that you do not use NotPrincipal in the
// same policy statement as "Effect": "Allow". Doing so allows all principals
// except the one named in the NotPrincipal element" (IAM User Guide,
// NotPrincipal, earlier text); the current page says "NotPrincipal must be
// used with "Effect":"Deny". Using it with "Effect":"Allow" is not
// supported."
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
// Trust policies cannot have NotPrincipal at all, which the compiler
// refuses.
func (a *analyzer) allowWithNotPrincipal(pol *schema.Policy, st *schema.Statement) {
	if st.Effect != schema.Allow || len(st.NotPrincipals) == 0 {
		return
	}
	if pol.Kind != schema.PolicyResource && pol.Kind != schema.PolicyEndpoint {
		return
	}
	a.add(CodeAllowWithNotPrincipal, st.NotPrincipals[0].Range, pol,
		"statement %s allows %s to every principal except those NotPrincipal lists, anonymous callers included; AWS does not support NotPrincipal with Allow",
		stmtName(pol, st), listValues(append(append([]schema.String{}, st.Actions...), st.NotActions...)))
}
