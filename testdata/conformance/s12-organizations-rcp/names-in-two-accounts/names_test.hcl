test "the IAM name is in the ARN" {
  for_each = toset([
    "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole",
    "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole",
  ])
  principal = user.ops
  action    = "sts:AssumeRole"
  resource  = each.value
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns: a role's ARN is arn:aws:iam::account:role/role-name-with-path; each trust policy names the management account and the identity policy allows sts:AssumeRole on …:role/OrganizationAccountAccessRole (docs/semantics.md §4.2)"
}

test "the label is not the IAM name" {
  principal = user.ops
  action    = "sts:AssumeRole"
  resource  = "arn:aws:iam::111111111111:role/prod_admin"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.2: no role of that name exists, so no trust policy allows it, and the identity policy covers only …:role/OrganizationAccountAccessRole"
}

test "the management account assumes the role in each account" {
  for_each = {
    prod_write = { role = role.prod_admin, action = "s3:PutObject", resource = "arn:aws:s3:::prod-bucket/app.zip", expect = "allow" }
    dev_read   = { role = role.dev_admin, action = "s3:GetObject", resource = "arn:aws:s3:::dev-bucket/app.zip", expect = "allow" }
    dev_write  = { role = role.dev_admin, action = "s3:PutObject", resource = "arn:aws:s3:::dev-bucket/app.zip", expect = "implicit_deny" }
  }
  principal = user.ops
  assume    = each.value.role
  action    = each.value.action
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access.html#orgs_manage_accounts_access-cross-account-role: 'AWS Organizations automatically creates an IAM role named OrganizationAccountAccessRole in the account ... The role is also configured to grant that access to the organization's master account'; the prod role has AdministratorAccess and the dev role ReadOnlyAccess (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html, …/ReadOnlyAccess.html), which grants no s3:PutObject"
}

test "a role session in one account has no access to the other account's bucket" {
  principal = user.ops
  assume    = role.dev_admin
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::prod-bucket/app.zip"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2: the prod bucket policy names arn:aws:iam::111111111111:user/alice only; the dev role of the same name is another principal"
}

test "a bucket policy names one of two users of the same name" {
  for_each = {
    prod_alice = { who = user.alice_prod, expect = "allow" }
    dev_alice  = { who = user.alice_dev, expect = "implicit_deny" }
  }
  principal = each.value.who
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::prod-bucket/report.csv"
  expect    = each.value.expect
  doc       = "docs/semantics.md §3.1 step 4 (the policy names prod's alice: same account, a direct grant) and §3.2 (dev's alice is arn:aws:iam::222222222222:user/alice, which the bucket policy does not name; cross-account, her identity allow is not enough)"
}

test "a principal given by its ARN" {
  principal = "arn:aws:iam::111111111111:user/alice"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::prod-bucket/report.csv"
  expect    = "allow"
  doc       = "docs/semantics.md §3.1 step 4: the bucket policy names this user ARN"
}
