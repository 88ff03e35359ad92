test "identity policy alone allows" {
  principal        = user.alice
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::reports/q1.csv"
  expect           = "allow"
  expect_statement = policy.get_reports.statement.GetReports
  doc              = "docs/semantics.md §3.1 step 5; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html: 'If either the identity-based policy or the resource-based policy within the same account allows the request and the other doesn't, the request is still allowed.'"
}

test "resource policy alone allows an action the identity policy lacks" {
  principal        = user.alice
  action           = "s3:PutObject"
  resource         = "arn:aws:s3:::reports/q2.csv"
  expect           = "allow"
  expect_statement = resource.reports.policy.statement.AlicePut
  doc              = "docs/semantics.md §3.1 step 4 and §8 rule 4: in the same account the identity and resource-policy grants are unioned; reference_policies_evaluation-logic_policy-eval-basics.html"
}

test "resource policy naming the user allows without any identity policy" {
  principal        = user.bob
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::reports/q1.csv"
  expect           = "allow"
  expect_statement = resource.reports.policy.statement.BobGet
  doc              = "docs/semantics.md §3.1 step 4; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_resource-based: 'if a resource-based policy grants access to a principal in the same account, no additional identity-based policy is required'"
}

test "neither policy allows" {
  for_each = {
    alice_delete = { principal = "alice", action = "s3:DeleteObject" }
    bob_put      = { principal = "bob", action = "s3:PutObject" }
    carol_get    = { principal = "carol", action = "s3:GetObject" }
  }
  principal = "arn:aws:iam::111111111111:user/${each.value.principal}"
  action    = each.value.action
  resource  = "arn:aws:s3:::reports/q1.csv"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.1 step 5: with no identity allow and no resource-policy allow for this principal and action, the request is implicitly denied"
}

test "the resource policy governs only its own resource" {
  principal = user.bob
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::other-bucket/q1.csv"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2: the bucket policy's statements name arn:aws:s3:::reports/*, which does not match another bucket; no identity policy"
}
