test "through the endpoint: what its policy allows" {
  for_each = {
    get  = { action = "s3:GetObject", resource = "arn:aws:s3:::ours/report.csv" }
    put  = { action = "s3:PutObject", resource = "arn:aws:s3:::ours/report.csv" }
    list = { action = "s3:ListBucket", resource = "arn:aws:s3:::ours" }
  }
  principal        = user.dev
  action           = each.value.action
  resource         = each.value.resource
  context          = { "aws:SourceVpce" = "vpce-1a2b3c4d", "aws:SourceVpc" = "vpc-111aaa" }
  expect           = "allow"
  expect_statement = policy.s3_all.statement.S3All
  doc              = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_endpoint_policies.html: 'Both the endpoint policy and the caller's applicable policies must allow a request for it to succeed' — both do"
}

test "through the endpoint: what its policy does not allow" {
  for_each = {
    other_bucket = { action = "s3:GetObject", resource = "arn:aws:s3:::theirs/report.csv" }
    other_action = { action = "s3:GetObjectAcl", resource = "arn:aws:s3:::ours/report.csv" }
  }
  principal = user.dev
  action    = each.value.action
  resource  = each.value.resource
  context   = { "aws:SourceVpce" = "vpce-1a2b3c4d", "aws:SourceVpc" = "vpc-111aaa" }
  expect    = "implicit_deny"
  doc       = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html: 'An endpoint policy is a resource-based policy that you attach to a VPC endpoint to control which AWS principals can use the endpoint to access an AWS service'; reference_sts_vpc_endpoint_policies.html: 'Both the endpoint policy and the caller's applicable policies must allow a request' — the endpoint policy does not"
}

test "through the endpoint: a Deny in its policy" {
  principal        = user.dev
  action           = "s3:DeleteObject"
  resource         = "arn:aws:s3:::ours/report.csv"
  context          = { "aws:SourceVpce" = "vpce-1a2b3c4d", "aws:SourceVpc" = "vpc-111aaa" }
  expect           = "explicit_deny"
  expect_statement = vpc_endpoint.s3_gateway.policy.statement.NoDeletes
  doc              = "docs/semantics.md §3.1 step 1: an applicable Deny in any policy, the VPC endpoint policy included, is an explicit deny; vpc-endpoints-access.html"
}

test "the endpoint policy grants nothing by itself" {
  for_each = {
    get  = { action = "s3:GetObject", resource = "arn:aws:s3:::ours/report.csv" }
    list = { action = "s3:ListBucket", resource = "arn:aws:s3:::ours" }
  }
  principal = user.nobody
  action    = each.value.action
  resource  = each.value.resource
  context   = { "aws:SourceVpce" = "vpce-1a2b3c4d", "aws:SourceVpc" = "vpc-111aaa" }
  expect    = "implicit_deny"
  doc       = "reference_sts_vpc_endpoint_policies.html: 'VPC endpoint policies don't grant permissions on their own. They act as an additional boundary that works alongside other policies'; vpc-endpoints-access.html: 'An endpoint policy does not override or replace identity-based policies or resource-based policies'"
}

test "not through the endpoint: its policy does not apply" {
  for_each = {
    other_bucket = { action = "s3:GetObject", resource = "arn:aws:s3:::theirs/report.csv" }
    other_action = { action = "s3:GetObjectAcl", resource = "arn:aws:s3:::ours/report.csv" }
    delete       = { action = "s3:DeleteObject", resource = "arn:aws:s3:::ours/report.csv" }
  }
  principal        = user.dev
  action           = each.value.action
  resource         = each.value.resource
  context          = { "aws:SourceIp" = "203.0.113.10" }
  expect           = "allow"
  expect_statement = policy.s3_all.statement.S3All
  doc              = "vpc-endpoints-access.html: the policy controls who 'can use the endpoint'; a request from a public address does not use it (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce: aws:SourceVpce is included 'only if the requester uses a VPC endpoint to make the request')"
}
