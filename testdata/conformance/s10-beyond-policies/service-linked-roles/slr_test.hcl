test "a service-linked role's trust policy cannot be changed" {
  principal = user.admin
  action    = "iam:UpdateAssumeRolePolicy"
  resource  = role.AWSServiceRoleForElasticLoadBalancing.arn
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html: 'The defined permissions include the trust policy and the permissions policy' and 'An IAM administrator can view, but not edit the permissions for service-linked roles'; https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html error UnmodifiableEntity: 'service-linked roles are protected Amazon Web Services resources. Only the service that depends on the service-linked role can modify or delete the role on your behalf'"
}

test "a service-linked role's permissions cannot be changed" {
  for_each = toset([
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PutRolePolicy",
    "iam:DeleteRolePolicy",
  ])
  principal = user.admin
  action    = each.value
  resource  = role.AWSServiceRoleForElasticLoadBalancing.arn
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-permissions.html: 'You cannot modify the permissions policy for a service-linked role in IAM'; https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateServiceLinkedRole.html: 'The service controls the attached policies ... To attach a policy to this service-linked role, you must make the request using the AWS service that depends on this role.'"
}

test "a service-linked role's boundary cannot be set or removed" {
  for_each = toset([
    "iam:PutRolePermissionsBoundary",
    "iam:DeleteRolePermissionsBoundary",
  ])
  principal = user.admin
  action    = each.value
  resource  = role.AWSServiceRoleForElasticLoadBalancing.arn
  context   = { "iam:PermissionsBoundary" = "arn:aws:iam::aws:policy/PowerUserAccess" }
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html and API_DeleteRolePermissionsBoundary.html: 'You cannot set the boundary for a service-linked role.'"
}

test "a service-linked role cannot be deleted with DeleteRole" {
  principal = user.admin
  action    = "iam:DeleteRole"
  resource  = role.AWSServiceRoleForElasticLoadBalancing.arn
  expect    = "deny"
  doc       = "API_CreateServiceLinkedRole.html: 'The service controls ... when the role can be deleted'; https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html error UnmodifiableEntity ('Only the service that depends on the service-linked role can modify or delete the role on your behalf'); the IAM way is iam:DeleteServiceLinkedRole"
}

test "a service-linked role can be viewed" {
  for_each = toset([
    "iam:GetRole",
    "iam:ListAttachedRolePolicies",
    "iam:ListRolePolicies",
  ])
  principal        = user.admin
  action           = each.value
  resource         = role.AWSServiceRoleForElasticLoadBalancing.arn
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "using-service-linked-roles.html: 'An IAM administrator can view, but not edit the permissions for service-linked roles'"
}

test "a service-linked role can be tagged" {
  for_each         = toset(["iam:TagRole", "iam:UntagRole"])
  principal        = user.admin
  action           = each.value
  resource         = role.AWSServiceRoleForElasticLoadBalancing.arn
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html: 'Adds one or more tags to an IAM role. The role can be a regular role or a service-linked role.'"
}

test "a service-linked role can be deleted through DeleteServiceLinkedRole" {
  principal        = user.admin
  action           = "iam:DeleteServiceLinkedRole"
  resource         = role.AWSServiceRoleForElasticLoadBalancing.arn
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteServiceLinkedRole.html: 'Submits a service-linked role deletion request' (the service then checks that no resource still uses the role)"
}

test "an ordinary role can be changed" {
  for_each = toset([
    "iam:UpdateAssumeRolePolicy",
    "iam:AttachRolePolicy",
    "iam:PutRolePolicy",
    "iam:DeleteRole",
  ])
  principal        = user.admin
  action           = each.value
  resource         = role.ElbHelper.arn
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "docs/semantics.md §3.1 step 5: the identity policy allows; nothing protects an ordinary role"
}

test "users cannot assume a service-linked role" {
  principal = user.admin
  assume    = role.AWSServiceRoleForElasticLoadBalancing
  action    = "elasticloadbalancing:DescribeLoadBalancers"
  resource  = "*"
  expect    = "deny"
  doc       = "using-service-linked-roles.html: 'unless defined otherwise, only that service can assume the roles'; docs/semantics.md §4.2: the trust policy names only the service"
}
