test "a region lock SCP: StringNotEquals over two regions" {
  for_each = {
    first_region  = { region = "us-east-1", expect = "allow" }
    second_region = { region = "eu-west-1", expect = "allow" }
    other_region  = { region = "ap-south-1", expect = "explicit_deny" }
  }
  principal = user.admin
  action    = "ec2:RunInstances"
  resource  = "*"
  context   = { "aws:RequestedRegion" = each.value.region }
  expect    = each.value.expect
  doc       = "docs/semantics.md §8 rule 8: NOR for negated operators: the Deny applies only when the region is neither us-east-1 nor eu-west-1; https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html (deny access based on the requested region)"
}

test "the region lock exempts global services through NotAction" {
  principal = user.admin
  action    = "iam:CreateRole"
  resource  = "*"
  context   = { "aws:RequestedRegion" = "ap-south-1" }
  expect    = "allow"
  doc       = "docs/semantics.md §2: a Deny with NotAction does not apply to the listed actions"
}

test "two keys ANDed, values of one key ORed" {
  for_each = {
    first_net_tls  = { ctx = { "aws:SourceIp" = "203.0.113.10", "aws:SecureTransport" = "true" }, expect = "allow" }
    second_net_tls = { ctx = { "aws:SourceIp" = "198.51.100.10", "aws:SecureTransport" = "true" }, expect = "allow" }
    other_net_tls  = { ctx = { "aws:SourceIp" = "192.0.2.10", "aws:SecureTransport" = "true" }, expect = "implicit_deny" }
    first_net_http = { ctx = { "aws:SourceIp" = "203.0.113.10", "aws:SecureTransport" = "false" }, expect = "implicit_deny" }
  }
  principal = user.publisher
  action    = "sns:Publish"
  resource  = "arn:aws:sns:us-east-1:111111111111:alerts"
  context   = merge(each.value.ctx, { "aws:RequestedRegion" = "us-east-1" })
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: AND over operators and keys, OR over the values of one key (the topic policy names the publisher, who has no identity policy, so the decision rests on its conditions; same account, §3.1 step 4)"
}
