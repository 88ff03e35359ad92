test "allowed by both the identity policy and the boundary" {
  principal        = user.dev
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::bucket/key"
  expect           = "allow"
  expect_statement = policy.s3_all.statement.S3All
  doc              = "docs/semantics.md §3.1 steps 5-6; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html: 'the entity can perform only the actions that are allowed by both its identity-based policies and its permissions boundaries'"
}

test "allowed by the identity policy, outside the boundary" {
  for_each  = toset(["s3:PutObject", "s3:DeleteBucket"])
  principal = user.dev
  action    = each.value
  resource  = "arn:aws:s3:::bucket/key"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.1 step 6: the boundary must allow, else implicit deny"
}

test "inside the boundary but not granted by the identity policy" {
  principal = user.dev
  action    = "ec2:DescribeInstances"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §8 rule 2 and https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html: a boundary 'limits the user's permissions but does not provide permissions on its own'"
}

test "a boundary allowing * grants nothing alone" {
  for_each  = toset(["s3:GetObject", "iam:CreateUser", "ec2:RunInstances"])
  principal = user.boundary_only
  action    = each.value
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §8 rule 2: guardrails do not grant; an Allow * in a boundary grants nothing on its own"
}

test "the boundary limits permissions that come from a group" {
  for_each = {
    in_boundary  = { action = "s3:GetObject", expect = "allow" }
    out_boundary = { action = "iam:CreateUser", expect = "implicit_deny" }
  }
  principal = user.grouped
  action    = each.value.action
  resource  = "*"
  expect    = each.value.expect
  doc       = "docs/semantics.md §1 (identity policies include the policies of all the user's groups) and §3.1 step 6"
}

test "an explicit Deny in the boundary" {
  principal        = user.deny_boundary
  action           = "s3:DeleteObject"
  resource         = "arn:aws:s3:::bucket/key"
  expect           = "explicit_deny"
  expect_statement = policy.allow_all_but_delete.statement.NoDelete
  doc              = "docs/semantics.md §3.1 step 1: a Deny in the boundary is an explicit deny"
}

test "the boundary's Allow * lets the identity grant through" {
  principal = user.deny_boundary
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::bucket/key"
  expect    = "allow"
  doc       = "docs/semantics.md §3.1 steps 5-6: identity allows s3:*, the boundary allows *"
}

test "a role's boundary with a condition" {
  for_each = {
    us_east_1 = { region = "us-east-1", expect = "allow" }
    eu_west_1 = { region = "eu-west-1", expect = "implicit_deny" }
  }
  principal = user.dev
  assume    = role.Deployer
  action    = "ec2:RunInstances"
  resource  = "*"
  context   = { "aws:RequestedRegion" = each.value.region }
  expect    = each.value.expect
  doc       = "docs/semantics.md §4.1: a session's permissions are the role's policies ∩ the role's boundary; the boundary statement applies only when its condition holds (§2 item 4)"
}

test "a role's boundary when the condition key is absent" {
  principal = user.dev
  assume    = role.Deployer
  action    = "ec2:RunInstances"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §5.1: with the key absent, StringEquals is false, so the boundary does not allow"
}
