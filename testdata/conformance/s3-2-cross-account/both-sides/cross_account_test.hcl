test "both the identity policy and the resource policy allow" {
  principal = user.analyst
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::shared-data/report.csv"
  expect    = "allow"
  doc       = "docs/semantics.md §3.2; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html: the request must be allowed in both the trusting and the trusted account"
}

test "the resource policy alone is not enough cross-account" {
  principal = user.intern
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::shared-data/report.csv"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2 and §8 rule 4; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_resource-based: 'When the principal and the resource are in separate AWS accounts, you must also use an identity-based policy to grant the principal entity access to the resource.'"
}

test "the identity policy alone is not enough cross-account" {
  principal = user.analyst
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::shared-data/report.csv"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2: the resource's account must allow too; the bucket policy does not grant s3:PutObject"
}

test "identity Resource * does not reach a bucket whose policy does not name the principal" {
  for_each = {
    named_other_account = "arn:aws:s3:::private-data/report.csv"
    listed_action_only  = "arn:aws:s3:::shared-data/report.csv"
  }
  principal = user.admin
  action    = "s3:GetObject"
  resource  = each.value
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2: with a resource policy that does not name the principal, access is denied even when the identity policy says \"Resource\": \"*\""
}

test "identity Resource * on a cross-account resource with no resource policy" {
  principal = user.admin
  action    = "dynamodb:GetItem"
  resource  = "arn:aws:dynamodb:us-east-1:222222222222:table/Orders"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2: with no resource-based policy, access is denied even when the identity policy says \"Resource\": \"*\""
}

test "the same admin policy works on its own account's resources" {
  principal        = user.admin
  action           = "dynamodb:GetItem"
  resource         = "arn:aws:dynamodb:us-east-1:111111111111:table/Orders"
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "docs/semantics.md §3.1 step 5: same account, the identity allow suffices"
}
