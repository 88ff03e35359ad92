test "Allow NotAction grants actions not listed" {
  for_each         = toset(["s3:GetObject", "ec2:RunInstances", "sqs:SendMessage", "s3express:CreateSession"])
  principal        = user.not_iam
  action           = each.value
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.allow_not_iam.statement.AllButIam
  doc              = "docs/semantics.md §2: NotAction with Allow grants everything except the list; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html"
}

test "Allow NotAction does not grant the listed actions" {
  for_each  = toset(["iam:CreateUser", "IAM:DeleteRole", "iam:ListUsers"])
  principal = user.not_iam
  action    = each.value
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2 item 1: NotAction matches only if no listed pattern matches (case-insensitively, §2.1); the listed iam:* actions get no allow"
}

test "Deny NotAction does not allow the listed actions" {
  principal = user.deny_only
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::bucket/key"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2: NotAction with Deny denies everything except the list, and does not allow the listed items; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html"
}

test "Deny NotAction denies actions outside the list" {
  principal        = user.deny_only
  action           = "ec2:DescribeInstances"
  resource         = "*"
  expect           = "explicit_deny"
  expect_statement = policy.deny_not_s3.statement.DenyAllButS3
  doc              = "docs/semantics.md §2: a Deny with NotAction applies to every action not listed, giving an explicit deny"
}

test "Deny NotAction beside an Allow" {
  for_each = {
    # listed in NotAction, so the Deny does not apply; the Allow grants it
    s3_get = { action = "s3:GetObject", expect = "allow" }
    # listed in NotAction, not denied, but nothing allows it
    s3_put = { action = "s3:PutObject", expect = "implicit_deny" }
    # allowed, but outside s3:* so the Deny applies and wins
    ec2 = { action = "ec2:DescribeInstances", expect = "explicit_deny" }
  }
  principal = user.deny_and_allow
  action    = each.value.action
  resource  = "*"
  expect    = each.value.expect
  doc       = "docs/semantics.md §2 (Deny beats Allow; NotAction with Deny does not allow the listed items) and §3.1 steps 1 and 5"
}
