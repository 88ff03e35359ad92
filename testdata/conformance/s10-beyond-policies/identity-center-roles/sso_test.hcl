test "an Identity Center role cannot be modified" {
  for_each = toset([
    "iam:UpdateAssumeRolePolicy",
    "iam:AttachRolePolicy",
    "iam:DetachRolePolicy",
    "iam:PutRolePolicy",
    "iam:DeleteRolePolicy",
    "iam:PutRolePermissionsBoundary",
    "iam:DeleteRole",
  ])
  principal = user.admin
  action    = each.value
  resource  = role.AWSReservedSSO_AdministratorAccess_1a2b3c4d5e6f7a8b.arn
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/singlesignon/latest/userguide/troubleshooting.html: role names beginning with 'AWSReservedSSO_' 'are the roles which the IAM Identity Center service has created ... Attempting to modify these roles from within the IAM console will result in the following error: Cannot perform the operation on the protected role ... - this role is only modifiable by AWS'. 'These roles can only be modified from the IAM Identity Center Administrator console'"
}

test "an Identity Center role with a Region in its path cannot be modified" {
  for_each = toset([
    "iam:UpdateAssumeRolePolicy",
    "iam:PutRolePolicy",
    "iam:DeleteRole",
  ])
  principal = user.admin
  action    = each.value
  resource  = role.AWSReservedSSO_ReadOnly_0f9e8d7c6b5a4f3e.arn
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html: the role ARN is arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/[<region>/]AWSReservedSSO_<permission set>_<suffix>; troubleshooting.html: 'this role is only modifiable by AWS'"
}

test "an Identity Center role can be viewed" {
  for_each = toset([
    "iam:GetRole",
    "iam:ListRolePolicies",
    "iam:ListAttachedRolePolicies",
  ])
  principal        = user.admin
  action           = each.value
  resource         = role.AWSReservedSSO_AdministratorAccess_1a2b3c4d5e6f7a8b.arn
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "troubleshooting.html: 'When reviewing IAM Roles in an account, you may notice role names beginning with AWSReservedSSO_' (viewing them is how they are noticed); only modifying them is refused"
}
