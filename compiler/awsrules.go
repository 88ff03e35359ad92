package compiler

import (
	"sort"
	"strings"
)

// awsRule is a rule AWS enforces on a family of AWS-owned resources,
// whatever the policies allow (docs/semantics.md, "Rules beyond the
// policies"): the actions it refuses on the resources its pattern matches.
// The core refuses a request it applies to with the rule as the reason.
type awsRule struct {
	Name string `json:"n"` // the rule, the reason's statement
	// Resource is a regular expression over the requested resource ARN; Key,
	// when set, names the condition key whose value the expression reads
	// instead (the policy an Attach* call attaches).
	Resource string   `json:"re"`
	Key      string   `json:"k,omitempty"`
	Actions  []string `json:"-"`
	Why      string   `json:"w"`
	Source   string   `json:"s"`
}

// awsRules are the AWS-owned resource families and what customers cannot do
// to them, action by action, from the pages cited in Source: docs/semantics.md
// §10.3 has the same tables with every source, and what is left to the
// policies. A role the project declares with service_linked = true is a
// service-linked role too (the core reads its model entry).
var awsRules = []awsRule{
	{
		Name:     "aws_owned:aws_managed_policy",
		Resource: `^arn:aws[a-z-]*:iam::aws:policy/`,
		Actions: []string{"iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion",
			"iam:DeletePolicy", "iam:TagPolicy", "iam:UntagPolicy"},
		Why:    "an AWS managed policy is owned by AWS: customers cannot edit, version, delete or tag it",
		Source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html",
	},
	{
		Name:     "aws_owned:service_role_policy",
		Resource: `^arn:aws[a-z-]*:iam::aws:policy/aws-service-role/`,
		Key:      "iam:policyarn",
		Actions:  []string{"iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy"},
		Why:      "a service-linked role policy can be attached only to the service-linked role of its service (PolicyNotAttachable)",
		Source:   "https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html",
	},
	{
		Name:     "aws_owned:service_role_policy",
		Resource: `^arn:aws[a-z-]*:iam::aws:policy/aws-service-role/`,
		Key:      "iam:permissionsboundary",
		Actions:  []string{"iam:PutUserPermissionsBoundary", "iam:PutRolePermissionsBoundary"},
		Why:      "a service-linked role policy cannot be a permissions boundary (PolicyNotAttachable)",
		Source:   "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html",
	},
	{
		Name:     "aws_owned:service_linked_role",
		Resource: `^arn:aws[a-z-]*:iam::[0-9]{12}:role/aws-service-role/`,
		Actions: []string{"iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
			"iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary",
			"iam:DeleteRolePermissionsBoundary", "iam:DeleteRole"},
		Why:    "a service-linked role is protected: only its service can modify or delete it (UnmodifiableEntity; delete it with iam:DeleteServiceLinkedRole)",
		Source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create-service-linked-role.html",
	},
	{
		Name:     "aws_owned:identity_center_role",
		Resource: `^arn:aws[a-z-]*:iam::[0-9]{12}:role/aws-reserved/sso\.amazonaws\.com/`,
		Actions: []string{"iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
			"iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary",
			"iam:DeleteRolePermissionsBoundary", "iam:UpdateRole", "iam:UpdateRoleDescription",
			"iam:TagRole", "iam:UntagRole", "iam:DeleteRole"},
		Why:    "a role IAM Identity Center created is only modifiable by AWS, through IAM Identity Center",
		Source: "https://docs.aws.amazon.com/singlesignon/latest/userguide/troubleshooting.html",
	},
	{
		Name:     "aws_owned:aws_managed_kms_alias",
		Resource: `^arn:aws[a-z-]*:kms:[a-z0-9-]*:[0-9]{12}:alias/aws/`,
		Actions:  []string{"kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"},
		Why:      "the alias/aws/ prefix is reserved for AWS managed keys, whose aliases customers cannot manage",
		Source:   "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
	},
}

// ownedModel writes the rules for the core: the rules (model "or") and, by
// action (lower case), the indexes of the rules that refuse it (model "oa"),
// so that a request looks up its action once.
func ownedModel() ([]awsRule, map[string][]int) {
	byAction := map[string][]int{}
	for i, r := range awsRules {
		for _, a := range r.Actions {
			k := strings.ToLower(a)
			byAction[k] = append(byAction[k], i)
		}
	}
	for _, l := range byAction {
		sort.Ints(l)
	}
	return awsRules, byAction
}
