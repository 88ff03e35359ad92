test "an account principal does not allow a user without identity policy" {
  for_each = {
    by_id       = "arn:aws:s3:::by-id/a.txt"
    by_root_arn = "arn:aws:s3:::by-root-arn/a.txt"
  }
  principal = user.no_policy
  action    = "s3:GetObject"
  resource  = each.value
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2.3 and §3.1 step 4: naming the account (ID or :root ARN) delegates to the account's IAM policies, so an identity allow is required (§8 rule 5); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html"
}

test "an account principal with an identity allow" {
  for_each = {
    by_id       = "arn:aws:s3:::by-id/a.txt"
    by_root_arn = "arn:aws:s3:::by-root-arn/a.txt"
  }
  principal = user.reader
  action    = "s3:GetObject"
  resource  = each.value
  expect    = "allow"
  doc       = "docs/semantics.md §3.1 steps 4-5: the account principal delegates to IAM and the identity policy allows"
}

test "the identity allow is enough even where the bucket policy is silent" {
  principal        = user.reader
  action           = "s3:PutObject"
  resource         = "arn:aws:s3:::by-root-arn/a.txt"
  expect           = "allow"
  expect_statement = policy.read_all.statement.ReadAll
  doc              = "docs/semantics.md §3.1 step 5: same account, the identity allow suffices"
}

test "a Deny naming the account applies to its users" {
  principal        = user.reader
  action           = "s3:DeleteObject"
  resource         = "arn:aws:s3:::by-id/a.txt"
  expect           = "explicit_deny"
  expect_statement = resource.by_id.policy.statement.NoDeleteForAccount
  doc              = "docs/semantics.md §2.3 (the account principal covers the account's principals) and §3.1 step 1 (any applicable Deny gives an explicit deny)"
}

test "a Deny naming the account applies to a user without policies too" {
  principal        = user.no_policy
  action           = "s3:DeleteObject"
  resource         = "arn:aws:s3:::by-id/a.txt"
  expect           = "explicit_deny"
  expect_statement = resource.by_id.policy.statement.NoDeleteForAccount
  doc              = "docs/semantics.md §3.1 step 1: the Deny applies whatever the allows"
}
