test "Allow NotResource grants resources not listed" {
  for_each = {
    other  = "arn:aws:s3:::public/a.txt"
    nested = "arn:aws:s3:::data/2026/b.txt"
    # case-sensitive: Secret is not secret
    case = "arn:aws:s3:::Secret/c.txt"
  }
  principal        = user.not_secret
  action           = "s3:GetObject"
  resource         = each.value
  expect           = "allow"
  expect_statement = policy.all_but_secret.statement.AllButSecret
  doc              = "docs/semantics.md §2 item 2 and §2.2: NotResource matches when no listed pattern matches (case-sensitively); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html"
}

test "Allow NotResource does not grant the listed resources" {
  for_each = {
    object = "arn:aws:s3:::secret/a.txt"
    deep   = "arn:aws:s3:::secret/x/y/z"
  }
  principal = user.not_secret
  action    = "s3:GetObject"
  resource  = each.value
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2: NotResource with Allow grants everything except the list"
}

test "Allow NotResource still needs the action to match" {
  principal = user.not_secret
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::public/a.txt"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2: a statement applies only when Action and Resource/NotResource both match"
}

test "Deny NotResource denies outside the list" {
  principal        = user.only_public
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::private/a.txt"
  expect           = "explicit_deny"
  expect_statement = policy.deny_outside_public.statement.DenyOutsidePublic
  doc              = "docs/semantics.md §2: NotResource with Deny denies everything except the list; Deny beats Allow"
}

test "Deny NotResource leaves the listed resources to the allows" {
  principal        = user.only_public
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::public/a.txt"
  expect           = "allow"
  expect_statement = policy.s3_read.statement.Read
  doc              = "docs/semantics.md §2: the Deny with NotResource does not apply to the listed resource, so the Allow decides"
}

test "Deny NotResource alone does not allow the listed resources" {
  principal = user.deny_alone
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::public/a.txt"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2: with Deny, NotResource does not allow the listed items; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html"
}
