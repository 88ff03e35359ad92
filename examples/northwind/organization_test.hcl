# The organization: OrganizationAccountAccessRole in each workload account,
# the region lock, the management account's exemption.

test "the cloud team reaches every workload account" {
  for_each = {
    prod = "arn:aws:iam::222200002222:role/OrganizationAccountAccessRole"
    dev  = "arn:aws:iam::333300003333:role/OrganizationAccountAccessRole"
  }
  principal = user.ops
  action    = "sts:AssumeRole"
  resource  = each.value
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access-cross-account-role.html: OrganizationAccountAccessRole 'grants full administrator permissions' and trusts the management account; the identity policy of ops allows sts:AssumeRole on arn:aws:iam::*:role/OrganizationAccountAccessRole (docs/semantics.md §4.2: both must allow across accounts); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns: the role's ARN holds its IAM name"
}

test "a role's label is not its IAM name" {
  principal = user.ops
  action    = "sts:AssumeRole"
  resource  = "arn:aws:iam::222200002222:role/prod_admin"
  expect    = "implicit_deny"
  doc       = "reference_identifiers.html#identifiers-arns: a role ARN is arn:aws:iam::account:role/role-name; no role of that name exists, and ops may assume only …:role/OrganizationAccountAccessRole"
}

test "AdministratorAccess, the same AWS managed policy in both accounts" {
  for_each = {
    prod = { role = role.prod_admin, resource = "arn:aws:ec2:eu-west-1:222200002222:instance/i-0prod" }
    dev  = { role = role.dev_admin, resource = "arn:aws:ec2:eu-west-1:333300003333:instance/i-0dev" }
  }
  principal        = user.ops
  assume           = each.value.role
  action           = "ec2:TerminateInstances"
  resource         = each.value.resource
  expect           = "allow"
  expect_statement = aws_policy.AdministratorAccess.statement[0]
  doc              = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html: one statement allowing * on *; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html: an AWS managed policy can be attached in different accounts"
}

test "the region lock" {
  for_each = {
    default_region = { context = {}, expect = "allow" }
    frankfurt      = { context = { "aws:RequestedRegion" = "eu-central-1" }, expect = "allow" }
    virginia       = { context = { "aws:RequestedRegion" = "us-east-1" }, expect = "explicit_deny" }
  }
  principal = user.alice_dev
  mfa       = true
  action    = "ec2:RunInstances"
  resource  = "arn:aws:ec2:eu-west-1:333300003333:instance/*"
  context   = each.value.context
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region: the SCP denies 'operations that don't target one of the two approved regions (eu-central-1 and eu-west-1)'; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion: aws:RequestedRegion 'is always included in the request context', here the project's default region eu-west-1 unless the test names another"
}

test "the region lock names its statement" {
  principal        = user.ops
  assume           = role.dev_admin
  action           = "ec2:RunInstances"
  resource         = "arn:aws:ec2:us-east-1:333300003333:instance/*"
  context          = { "aws:RequestedRegion" = "us-east-1" }
  expect           = "explicit_deny"
  expect_statement = scp.region_lock.statement.DenyAllOutsideEU
  doc              = "orgs_manage_policies_scps_examples_general.html#example-scp-deny-region: 'Any other requests to services in the us-east-1 Region are denied by this example policy', administrators included unless they are the two exempted roles"
}

test "global services are exempt from the region lock" {
  for_each = {
    iam         = { action = "iam:ListRoles", resource = "*" }
    list_bucket = { action = "s3:ListAllMyBuckets", resource = "*" }
  }
  principal = user.ops
  assume    = role.dev_admin
  action    = each.value.action
  resource  = each.value.resource
  context   = { "aws:RequestedRegion" = "us-east-1" }
  expect    = "allow"
  doc       = "orgs_manage_policies_scps_examples_general.html#example-scp-deny-region: requests to global services listed in NotAction (iam:*, s3:ListAllMyBuckets, …) 'are allowed' in us-east-1"
}

test "the management account is not region-locked" {
  principal = user.ops
  action    = "sts:AssumeRole"
  resource  = "arn:aws:iam::333300003333:role/OrganizationAccountAccessRole"
  context   = { "aws:RequestedRegion" = "us-east-1" }
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html: 'SCPs don't affect users or roles in the management account'; sts:* is exempt from the region lock anyway"
}
