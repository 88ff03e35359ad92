test "StringNotEquals over several values is a NOR" {
  for_each = {
    first_value  = { region = "us-east-1", expect = "allow" }
    second_value = { region = "eu-west-1", expect = "allow" }
    neither      = { region = "ap-south-1", expect = "explicit_deny" }
  }
  principal = user.u
  action    = "dynamodb:PutItem"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  context   = { "aws:RequestedRegion" = each.value.region }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1 and §8 rule 8: negated operators with several values are true when the request value matches none of them (NOR), not when it differs from at least one; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html"
}

test "StringNotLike over several patterns is a NOR" {
  for_each = {
    alpha   = { project = "alpha-1", expect = "allow" }
    beta    = { project = "beta-9", expect = "allow" }
    gamma   = { project = "gamma-1", expect = "explicit_deny" }
  }
  principal = user.u
  action    = "dynamodb:DeleteItem"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  context   = { "aws:RequestTag/project" = each.value.project }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: StringNotLike with several values is a NOR"
}

test "StringNotEqualsIgnoreCase over several values" {
  for_each = {
    prod_lower = { env = "prod", expect = "allow" }
    staging    = { env = "STAGING", expect = "allow" }
    dev        = { env = "dev", expect = "explicit_deny" }
  }
  principal = user.u
  action    = "dynamodb:Scan"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  context   = { "aws:RequestTag/env" = each.value.env }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1 (NOR) and §5.2 (IgnoreCase)"
}

test "NumericNotEquals over several values" {
  for_each = {
    one   = { value = "1", expect = "allow" }
    two   = { value = "2.0", expect = "allow" }
    three = { value = "3", expect = "explicit_deny" }
  }
  principal = user.u
  action    = "dynamodb:Query"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  context   = { "example:count" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1 (NOR over values) and §5.2 (numeric comparison, 2.0 == 2)"
}

test "negated operators are true when the key is absent" {
  for_each = {
    string_not_equals   = "dynamodb:PutItem"
    string_not_like     = "dynamodb:DeleteItem"
    not_equals_ign_case = "dynamodb:Scan"
    numeric_not_equals  = "dynamodb:Query"
  }
  principal = user.u
  action    = each.value
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  expect    = "explicit_deny"
  doc       = "docs/semantics.md §5.1 and §8 rule 7: absent key: every negated operator is true, so the Deny applies"
}

test "a Deny with StringNotEqualsIfExists" {
  for_each = {
    listed_vpc   = { context = { "aws:SourceVpc" = "vpc-222" }, expect = "allow" }
    other_vpc    = { context = { "aws:SourceVpc" = "vpc-999" }, expect = "explicit_deny" }
    missing_key  = { context = {}, expect = "explicit_deny" }
  }
  principal = user.u
  action    = "dynamodb:UpdateItem"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  context   = each.value.context
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: 'In a Deny with a negated operator (StringNotEqualsIfExists), a missing key therefore denies.'"
}

test "actions without a Deny condition are allowed" {
  principal = user.u
  action    = "dynamodb:GetItem"
  resource  = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  expect    = "allow"
  expect_statement = resource.t.policy.statement.AllowAll
  doc       = "docs/semantics.md §3.1 step 4: the table policy names the user"
}
