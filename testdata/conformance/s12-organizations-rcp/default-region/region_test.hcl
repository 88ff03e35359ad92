test "a request in the default region" {
  for_each = {
    ec2 = { action = "ec2:RunInstances", resource = "*" }
    s3  = { action = "s3:GetObject", resource = "arn:aws:s3:::app-bucket/report.csv" }
  }
  principal = user.dev
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region: the SCP denies 'operations that don't target one of the two approved regions (eu-central-1 and eu-west-1)'; the request goes to the project's default region, eu-west-1 (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion: 'This key is always included in the request context')"
}

test "a request in the other approved region" {
  principal = user.dev
  action    = "ec2:RunInstances"
  resource  = "*"
  context   = { "aws:RequestedRegion" = "eu-central-1" }
  expect    = "allow"
  doc       = "orgs_manage_policies_scps_examples_general.html#example-scp-deny-region: eu-central-1 is approved"
}

test "a request outside the approved regions" {
  for_each = {
    ec2 = { action = "ec2:RunInstances", resource = "*" }
    s3  = { action = "s3:GetObject", resource = "arn:aws:s3:::app-bucket/report.csv" }
  }
  principal        = user.dev
  action           = each.value.action
  resource         = each.value.resource
  context          = { "aws:RequestedRegion" = "us-east-1" }
  expect           = "explicit_deny"
  expect_statement = scp.deny_outside_eu.statement.DenyAllOutsideEU
  doc              = "orgs_manage_policies_scps_examples_general.html#example-scp-deny-region: 'Any other requests to services in the us-east-1 Region are denied by this example policy'; docs/semantics.md §2 (Deny beats Allow)"
}

test "global services are exempted" {
  for_each = {
    iam      = { action = "iam:CreateUser", resource = "arn:aws:iam::111111111111:user/new" }
    list_all = { action = "s3:ListAllMyBuckets", resource = "*" }
    describe = { action = "ec2:DescribeRegions", resource = "*" }
  }
  principal = user.dev
  action    = each.value.action
  resource  = each.value.resource
  context   = { "aws:RequestedRegion" = "us-east-1" }
  expect    = "allow"
  doc       = "orgs_manage_policies_scps_examples_general.html#example-scp-deny-region: 'requests made to global services in the us-east-1 Region are allowed if the requested service is included in the NotAction element'"
}

test "the exempted administrator role" {
  principal = user.dev
  assume    = role.Role1AllowedToBypassThisSCP
  action    = "ec2:RunInstances"
  resource  = "*"
  context   = { "aws:RequestedRegion" = "us-east-1" }
  expect    = "allow"
  doc       = "orgs_manage_policies_scps_examples_general.html#example-scp-deny-region: 'This example also shows how to exempt requests made by either of two specified administrator roles' (ArnNotLike aws:PrincipalARN is false for a session of Role1AllowedToBypassThisSCP, whose aws:PrincipalArn is the role ARN, docs/semantics.md §4.1)"
}

test "the management account is not bound by the SCP" {
  principal = user.hq_dev
  action    = "ec2:RunInstances"
  resource  = "*"
  context   = { "aws:RequestedRegion" = "us-east-1" }
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html: 'SCPs don't affect users or roles in the management account'"
}

test "aws:SecureTransport" {
  for_each = {
    default_https = { context = {}, expect = "allow" }
    https         = { context = { "aws:SecureTransport" = "true" }, expect = "allow" }
    http          = { context = { "aws:SecureTransport" = "false" }, expect = "explicit_deny" }
  }
  principal = user.dev
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::app-bucket/report.csv"
  context   = each.value.context
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport: 'This key is always included in the request context'; the project's requests are HTTPS unless the test says otherwise; the bucket policy denies plain HTTP (docs/semantics.md §2)"
}
