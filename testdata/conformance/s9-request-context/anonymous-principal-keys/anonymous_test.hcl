test "an anonymous caller and a negated aws:PrincipalAccount in an Allow" {
  principal        = "anonymous"
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::public-site/index.html"
  expect           = "allow"
  expect_statement = resource.public_site.policy.statement.EveryoneButBlocked
  doc              = "docs/semantics.md §3.1 step 4 ('\"*\" ... can never apply to callers that have no account (anonymous, service principals), for whom those keys are absent and a negated operator is therefore true') and §3.4; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalaccount: whatever AWS puts in the key for an anonymous request, it is not 999999999999, so StringNotEquals is true"
}

test "the blocked account is not let in" {
  principal = user.blocked_user
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::public-site/index.html"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2: cross-account, the bucket policy must allow the principal; its only statement's condition is false for account 999999999999"
}

test "another account is let in" {
  principal = user.other_user
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::public-site/index.html"
  expect    = "allow"
  doc       = "docs/semantics.md §3.2: the bucket policy allows \"*\" for account 888888888888 and the user's identity policy allows s3:GetObject"
}

test "an anonymous caller and a negated aws:PrincipalOrgID in an Allow" {
  principal = "anonymous"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::press-kit/logo.png"
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid: 'Anonymous requests do not include this key'; docs/semantics.md §5.1: a negated operator on an absent key is true"
}

test "an anonymous caller and a positive aws:PrincipalAccount" {
  principal = "anonymous"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::perimeter/public/index.html"
  expect    = "allow"
  doc       = "docs/semantics.md §3.4: Principal * allows anonymous requests; the Deny covers only private/*"
}

test "a perimeter Deny keeps an anonymous caller out" {
  principal        = "anonymous"
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::perimeter/private/plan.pdf"
  expect           = "explicit_deny"
  expect_statement = resource.perimeter.policy.statement.OnlyOurAccount
  doc              = "docs/semantics.md §3.1 step 4 and §5.1: for an anonymous caller aws:PrincipalAccount is not 111111111111 (absent, or a value other than an account ID), so StringNotEquals is true and the Deny applies"
}

test "a perimeter Deny keeps another account out" {
  principal        = user.other_user
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::perimeter/private/plan.pdf"
  expect           = "explicit_deny"
  expect_statement = resource.perimeter.policy.statement.OnlyOurAccount
  doc              = "docs/semantics.md §2 (Deny beats Allow) and §5.1"
}
