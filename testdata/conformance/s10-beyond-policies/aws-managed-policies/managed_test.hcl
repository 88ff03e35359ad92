test "an AWS managed policy cannot be edited" {
  for_each = {
    read_only  = "arn:aws:iam::aws:policy/ReadOnlyAccess"
    power_user = "arn:aws:iam::aws:policy/PowerUserAccess"
    job        = "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"
  }
  principal = user.admin
  action    = "iam:CreatePolicyVersion"
  resource  = each.value
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-edit.html: 'You can edit customer managed policies and inline policies in IAM. AWS managed policies cannot be edited.'; https://docs.aws.amazon.com/aws-managed-policy/latest/reference/about-managed-policy-reference: 'You cannot change the permissions defined in AWS managed policies.' (the admin is allowed * on *)"
}

test "the default version of an AWS managed policy is set by AWS" {
  principal = user.admin
  action    = "iam:SetDefaultPolicyVersion"
  resource  = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html: 'For AWS managed policies, the default version is set by AWS' and 'You cannot set the default version for an AWS managed policy or an inline policy'"
}

test "an AWS managed policy cannot be deleted" {
  principal = user.admin
  action    = "iam:DeletePolicy"
  resource  = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/about-managed-policy-reference: 'An AWS managed policy is a standalone policy that is created and administered by AWS' and is 'available for use by all AWS customers'; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-delete.html covers deleting 'customer managed policies and inline policies' only"
}

test "a customer managed policy can be edited and deleted" {
  for_each = toset([
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:DeletePolicy",
  ])
  principal        = user.admin
  action           = each.value
  resource         = policy.ours.arn
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "access_policies_manage-edit.html: 'You can edit customer managed policies'; access_policies_manage-delete.html: customer managed policies can be deleted"
}

test "an AWS managed policy can be read" {
  for_each = toset([
    "iam:GetPolicy",
    "iam:GetPolicyVersion",
    "iam:ListPolicyVersions",
    "iam:ListEntitiesForPolicy",
  ])
  principal        = user.admin
  action           = each.value
  resource         = "arn:aws:iam::aws:policy/ReadOnlyAccess"
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/about-managed-policy-reference: AWS managed policies 'are available for use by all AWS customers'; https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicies.html: 'To list only AWS managed policies, set Scope to AWS'; https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicy.html: 'Retrieves information about the specified managed policy'. Reading changes nothing; the caller's identity policy allows it (docs/semantics.md §3.1 step 5)"
}

test "an AWS managed policy can be attached to one's own role" {
  for_each = {
    attach = "iam:AttachRolePolicy"
    detach = "iam:DetachRolePolicy"
  }
  principal        = user.admin
  action           = each.value
  resource         = role.App.arn
  context          = { "iam:PolicyARN" = "arn:aws:iam::aws:policy/ReadOnlyAccess" }
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html: 'You can attach ReadOnlyAccess to your users, groups, and roles'; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html (AWS managed policies)"
}

test "an AWS managed policy can be a permissions boundary" {
  principal        = user.admin
  action           = "iam:PutRolePermissionsBoundary"
  resource         = role.App.arn
  context          = { "iam:PermissionsBoundary" = "arn:aws:iam::aws:policy/PowerUserAccess" }
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html: 'You can use an AWS managed policy or a customer managed policy to set the boundary for a role'"
}

test "a service-linked role policy cannot be attached to one's own role" {
  principal = user.admin
  action    = "iam:AttachRolePolicy"
  resource  = role.App.arn
  context   = { "iam:PolicyARN" = "arn:aws:iam::aws:policy/aws-service-role/AWSElasticLoadBalancingServiceRolePolicy" }
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSElasticLoadBalancingServiceRolePolicy.html: 'This policy is attached to a service-linked role that allows the service to perform actions on your behalf. You cannot attach this policy to your users, groups, or roles.'; https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html error PolicyNotAttachable: 'Amazon Web Services service role policies can only be attached to the service-linked role for that service'"
}

test "a service-linked role policy cannot be a permissions boundary" {
  principal = user.admin
  action    = "iam:PutRolePermissionsBoundary"
  resource  = role.App.arn
  context   = { "iam:PermissionsBoundary" = "arn:aws:iam::aws:policy/aws-service-role/AWSElasticLoadBalancingServiceRolePolicy" }
  expect    = "deny"
  doc       = "API_PutRolePermissionsBoundary.html error PolicyNotAttachable: 'Amazon Web Services service role policies can only be attached to the service-linked role for that service'"
}
