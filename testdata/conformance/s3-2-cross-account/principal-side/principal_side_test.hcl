test "an identity allow from a group counts on the principal's side" {
  principal = user.grouped
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::lake/f"
  expect    = "allow"
  doc       = "docs/semantics.md §1 (identity policies include those of all the user's groups) and §3.2 (both accounts allow)"
}

test "an explicit deny on the principal's side wins cross-account" {
  principal        = user.self_denied
  action           = "s3:DeleteObject"
  resource         = "arn:aws:s3:::lake/f"
  expect           = "explicit_deny"
  expect_statement = policy.no_delete.statement.NoDelete
  doc              = "docs/semantics.md §3.2: principal's account: identity allow ∧ boundary ∧ session policy ∧ SCPs, and no explicit deny"
}

test "the identity policy must allow this resource" {
  principal = user.wrong_bucket
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::lake/f"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2 and §2.2: the identity policy allows only some-other-bucket/*, so the principal's account does not allow"
}

test "a session ARN named cross-account with the role's identity allow" {
  principal    = user.grouped
  assume       = role.Etl
  session_name = "nightly"
  action       = "s3:PutObject"
  resource     = "arn:aws:s3:::lake/f"
  expect       = "allow"
  doc          = "docs/semantics.md §3.2: the bucket policy names the session ARN and the role's identity policy allows"
}

test "a session ARN named cross-account still needs an identity allow" {
  principal    = user.grouped
  assume       = role.NoPolicies
  session_name = "nightly"
  action       = "s3:PutObject"
  resource     = "arn:aws:s3:::lake/f"
  expect       = "implicit_deny"
  doc          = "docs/semantics.md §3.2: the direct session grant of §3.1 step 4 is a same-account rule; cross-account the principal's account needs an identity allow"
}

test "another session of the named role is not covered" {
  principal    = user.grouped
  assume       = role.Etl
  session_name = "daytime"
  action       = "s3:PutObject"
  resource     = "arn:aws:s3:::lake/f"
  expect       = "implicit_deny"
  doc          = "docs/semantics.md §2.3: a session ARN covers only that exact session; the account statement does not list s3:PutObject"
}

test "the account statement covers role sessions of that account" {
  principal = user.grouped
  assume    = role.Etl
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::lake/f"
  expect    = "allow"
  doc       = "docs/semantics.md §2.3 (the account principal covers the account's principals) and §3.2"
}
