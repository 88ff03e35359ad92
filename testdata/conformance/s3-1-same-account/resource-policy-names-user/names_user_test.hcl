test "user ARN grant is not limited by an implicit deny of the boundary" {
  for_each = {
    get = "s3:GetObject"
    put = "s3:PutObject"
  }
  principal        = user.bounded
  action           = each.value
  resource         = "arn:aws:s3:::shared/data.csv"
  expect           = "allow"
  expect_statement = resource.shared.policy.statement.NamedUsers
  doc              = "docs/semantics.md §3.1 step 4 and §8 rule 5: a resource policy naming the IAM user ARN allows; implicit denies of the boundary are ignored. https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html: 'Within an account, permissions boundaries do not reduce the permissions granted by resource-based policies.'"
}

test "the boundary still limits what the identity policy grants" {
  principal = user.bounded
  action    = "s3:DeleteObject"
  resource  = "arn:aws:s3:::shared/data.csv"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.1 step 6: s3:* in the identity policy is outside the ec2-only boundary; the bucket policy does not grant DeleteObject"
}

test "the boundary limits the identity policy on other buckets" {
  principal = user.bounded
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::elsewhere/data.csv"
  expect    = "implicit_deny"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html: the entity can perform only the actions allowed by both its identity-based policies and its permissions boundaries"
}

test "an explicit deny in the boundary beats the user ARN grant" {
  principal        = user.deny_bounded
  action           = "s3:PutObject"
  resource         = "arn:aws:s3:::shared/data.csv"
  expect           = "explicit_deny"
  expect_statement = policy.boundary_with_deny.statement.NoS3Put
  doc              = "docs/semantics.md §3.1 step 1: any applicable Deny in the boundary gives an explicit deny; access_policies_boundaries.html: 'An explicit deny in any of these policies overrides the allow.'"
}

test "the user ARN grant works where the boundary does not deny" {
  principal        = user.deny_bounded
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::shared/data.csv"
  expect           = "allow"
  expect_statement = resource.shared.policy.statement.NamedUsers
  doc              = "docs/semantics.md §3.1 step 4: the resource policy names the user ARN; no identity policy needed"
}

test "an explicit deny in the identity policy beats the user ARN grant" {
  principal        = user.self_denied
  action           = "s3:PutObject"
  resource         = "arn:aws:s3:::shared/data.csv"
  expect           = "explicit_deny"
  expect_statement = policy.no_put.statement.NoPut
  doc              = "docs/semantics.md §3.1 step 1 and §8 rule 1: an explicit Deny anywhere wins"
}

test "the identity deny does not touch other actions" {
  principal        = user.self_denied
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::shared/data.csv"
  expect           = "allow"
  expect_statement = resource.shared.policy.statement.NamedUsers
  doc              = "docs/semantics.md §3.1 step 4: the bucket policy names the user ARN"
}
