test "Principal * allows a same-account user without identity policy" {
  principal        = user.nobody_special
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::website/index.html"
  expect           = "allow"
  expect_statement = resource.website.policy.statement.PublicRead
  doc              = "docs/semantics.md §2.3: \"*\" is everyone, including anonymous; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous"
}

test "Principal * grants only the listed action" {
  principal = user.nobody_special
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::website/index.html"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2 and §3.1 step 5: nothing allows s3:PutObject"
}

test "a Deny for AWS * applies even to an administrator" {
  for_each = {
    object = { action = "s3:DeleteObject", resource = "arn:aws:s3:::website/index.html" }
    bucket = { action = "s3:DeleteBucket", resource = "arn:aws:s3:::website" }
  }
  principal        = user.admin
  action           = each.value.action
  resource         = each.value.resource
  expect           = "explicit_deny"
  expect_statement = resource.website.policy.statement.NobodyDeletes
  doc              = "docs/semantics.md §3.1 step 1 and §8 rule 1: an explicit Deny in the resource policy wins over the identity policy's Allow *"
}

test "the administrator's identity allow works where nothing denies" {
  principal        = user.admin
  action           = "s3:PutObject"
  resource         = "arn:aws:s3:::website/index.html"
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "docs/semantics.md §3.1 step 5"
}
