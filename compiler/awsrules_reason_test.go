package compiler_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// TestAWSRuleReasons: a decision that a rule AWS enforces beyond the
// written policies decides (docs/semantics.md §10) names that rule as its
// reason, in the layer "aws", with the AWS page it comes from; the rule
// wins over an identity policy that allows everything.
func TestAWSRuleReasons(t *testing.T) {
	const project = `account "shop" {
  id = "111122223333"
}

user "admin" {
  account  = account.shop
  policies = [policy.all]
}

policy "all" {
  account = account.shop
  statement "Everything" {
    actions   = ["*"]
    resources = ["*"]
  }
}

user "nobody" {
  account = account.shop
}
`
	eng, err := compiler.Engine(context.Background(), fstest.MapFS{"main.hcl": {Data: []byte(project)}})
	require.NoError(t, err)
	const admin, nobody = "arn:aws:iam::111122223333:user/admin", "arn:aws:iam::111122223333:user/nobody"
	for _, c := range []struct {
		name      string
		req       rego.Request
		outcome   rego.Outcome
		rule, doc string
	}{
		// "No permissions are required to perform this operation."
		{"GetCallerIdentity needs no permission", rego.Request{Principal: nobody, Action: "sts:GetCallerIdentity", Resource: "*"},
			rego.Allow, "no_permission:get_caller_identity", "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html"},
		// "You cannot … modify … service-linked roles" beyond what the service allows.
		{"a service-linked role cannot be deleted by IAM", rego.Request{Principal: admin, Action: "iam:DeleteRole",
			Resource: "arn:aws:iam::111122223333:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk"},
			rego.ExplicitDeny, "aws_owned:service_linked_role", "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create-service-linked-role.html"},
		// "You cannot change the permissions defined in AWS managed policies."
		{"an AWS managed policy cannot get a new version", rego.Request{Principal: admin, Action: "iam:CreatePolicyVersion",
			Resource: "arn:aws:iam::aws:policy/AdministratorAccess"},
			rego.ExplicitDeny, "aws_owned:aws_managed_policy", ""},
		// Aliases that begin with alias/aws/ are reserved for AWS managed keys.
		{"an AWS managed key's alias cannot be deleted", rego.Request{Principal: admin, Action: "kms:DeleteAlias",
			Resource: "arn:aws:kms:us-east-1:111122223333:alias/aws/s3"},
			rego.ExplicitDeny, "aws_owned:aws_managed_kms_alias", ""},
		// Roles of IAM Identity Center are modifiable only by AWS.
		{"an Identity Center role's trust cannot be changed", rego.Request{Principal: admin, Action: "iam:UpdateAssumeRolePolicy",
			Resource: "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef"},
			rego.ExplicitDeny, "aws_owned:identity_center_role", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			dec, err := eng.Decide(context.Background(), c.req)
			require.NoError(t, err)
			require.Empty(t, dec.Errors)
			assert.Equal(t, c.outcome, dec.Decision)
			require.Len(t, dec.Reasons, 1, "%+v", dec.Reasons)
			r := dec.Reasons[0]
			assert.Equal(t, rego.LayerAWS, r.Layer)
			assert.Equal(t, c.rule, r.Statement)
			assert.Regexp(t, `^https://docs\.aws\.amazon\.com/`, r.Source, "the rule names its AWS page")
			if c.doc != "" {
				assert.Equal(t, c.doc, r.Source)
			}
		})
	}
}
