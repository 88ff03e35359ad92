test "an alias under alias/aws/ cannot be created" {
  for_each = {
    existing = "arn:aws:kms:eu-west-1:111111111111:alias/aws/s3"
    new_name = "arn:aws:kms:eu-west-1:111111111111:alias/aws/my-app"
  }
  principal = user.admin
  action    = "kms:CreateAlias"
  resource  = each.value
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html (AliasName): 'The alias name cannot begin with alias/aws/. The alias/aws/ prefix is reserved for Amazon Web Services managed keys.'"
}

test "an alias of an AWS managed key cannot be updated" {
  principal = user.admin
  action    = "kms:UpdateAlias"
  resource  = "arn:aws:kms:eu-west-1:111111111111:alias/aws/ebs"
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/kms/latest/developerguide/alias-manage.html: 'You cannot manage aliases for AWS managed keys or AWS owned keys'; https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html: 'You don't have permission to associate an alias with an Amazon Web Services managed key.'"
}

test "an alias of an AWS managed key cannot be deleted" {
  principal = user.admin
  action    = "kms:DeleteAlias"
  resource  = "arn:aws:kms:eu-west-1:111111111111:alias/aws/rds"
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/kms/latest/developerguide/alias-manage.html: 'You cannot manage aliases for AWS managed keys or AWS owned keys'"
}

test "one's own aliases are managed as the policies allow" {
  for_each = {
    create = { action = "kms:CreateAlias", alias = "alias/app-data" }
    update = { action = "kms:UpdateAlias", alias = "alias/app-data" }
    delete = { action = "kms:DeleteAlias", alias = "alias/app-data" }
    near   = { action = "kms:CreateAlias", alias = "alias/aws-backups" }
  }
  principal        = user.admin
  action           = each.value.action
  resource         = "arn:aws:kms:eu-west-1:111111111111:${each.value.alias}"
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "API_CreateAlias.html: only names that begin with alias/aws/ are reserved (alias/aws-backups does not); https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html: 'kms:CreateAlias for the alias. Provide this permission in an IAM policy that is attached to the principal' (the permission on the alias resource, the request here); docs/semantics.md §3.1 step 5"
}

test "aliases can be listed" {
  principal        = user.admin
  action           = "kms:ListAliases"
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key: 'You have permission to view the AWS managed keys in your account'; docs/semantics.md §3.1 step 5"
}
