test "user ARN: bypasses the boundary's implicit deny" {
  principal        = user.by_user_arn
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::data/user/f"
  expect           = "allow"
  expect_statement = resource.data.policy.statement.ByUserArn
  doc              = "docs/semantics.md §8 rule 5: user or session ARN: the grant bypasses implicit denies of identity, boundary and session policies (same account)"
}

test "account: only delegates to IAM, where the boundary applies" {
  for_each = {
    bounded   = { principal = "by_account", expect = "implicit_deny" }
    unbounded = { principal = "by_account_unbounded", expect = "allow" }
    no_policy = { principal = "by_user_arn", expect = "implicit_deny" }
  }
  principal = "arn:aws:iam::111111111111:user/${each.value.principal}"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/account/f"
  expect    = each.value.expect
  doc       = "docs/semantics.md §8 rule 5: account ARN (:root): only delegates to IAM, so identity allow ∧ boundary decide"
}

test "role ARN: limited by the role's boundary" {
  principal = user.by_user_arn
  assume    = role.ByRoleArn
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/role/f"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §8 rule 5: Role ARN: limited by boundary and session policy"
}

test "session ARN: bypasses the role's boundary" {
  principal        = user.by_user_arn
  assume           = role.ByRoleArn
  session_name     = "reporting"
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::data/session/f"
  expect           = "allow"
  expect_statement = resource.data.policy.statement.BySessionArn
  doc              = "docs/semantics.md §8 rule 5 and §3.1 step 4: a resource policy naming the role session ARN allows directly"
}

test "each grant covers only its own prefix" {
  principal = user.by_user_arn
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/role/f"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2: the user's statement lists only data/user/*"
}
