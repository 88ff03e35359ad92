test "a listed principal is not denied" {
  principal        = user.alice
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::vault/f"
  expect           = "allow"
  expect_statement = policy.s3_all.statement.S3All
  doc              = "docs/semantics.md §2 item 3: NotPrincipal matches principals not listed, so the Deny does not apply to alice; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html (example: 'all principals except the user named Bob in AWS account 444455556666 are explicitly denied', with NotPrincipal listing Bob's ARN and the account ARN)"
}

test "a principal not listed is denied" {
  for_each = {
    get = "s3:GetObject"
    put = "s3:PutObject"
  }
  principal        = user.bob
  action           = each.value
  resource         = "arn:aws:s3:::vault/f"
  expect           = "explicit_deny"
  expect_statement = resource.vault.policy.statement.DenyAllButListed
  doc              = "docs/semantics.md §2 item 3 and §3.1 step 1: the Deny applies to every principal NotPrincipal does not list; reference_policies_elements_notprincipal.html: listing the account ARN with Bob's ARN denies 'all principals except the user named Bob', other users of that account included"
}

test "Deny with NotPrincipal denies a listed principal that has a boundary" {
  principal = user.bounded_alice
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::vault/f"
  expect    = "explicit_deny"
  doc       = "docs/semantics.md §7: 'A resource policy with Deny+NotPrincipal always denies principals that have a permissions boundary'; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html: 'The NotPrincipal element with a Deny effect will always deny any IAM principal that has a permissions boundary policy attached, regardless of the values specified in the NotPrincipal element.'"
}

test "the NotPrincipal Deny does not reach other buckets" {
  principal = user.bob
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::open/f"
  expect    = "allow"
  doc       = "docs/semantics.md §2: the Deny's Resource lists only the vault bucket and its objects"
}
