test "same account: either side is enough" {
  for_each = {
    ident_only = "ident_only"
    res_only   = "res_only"
    both       = "both"
  }
  principal = "arn:aws:iam::111111111111:user/${each.value}"
  action    = "sqs:SendMessage"
  resource  = "arn:aws:sqs:us-east-1:111111111111:home-queue"
  expect    = "allow"
  doc       = "docs/semantics.md §8 rule 4: in the same account, identity or resource policy suffices; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-basics.html"
}

test "cross-account: both sides are required" {
  for_each = {
    ident_only = { principal = "ident_only", expect = "implicit_deny" }
    res_only   = { principal = "res_only", expect = "implicit_deny" }
    both       = { principal = "both", expect = "allow" }
  }
  principal = "arn:aws:iam::111111111111:user/${each.value.principal}"
  action    = "sqs:SendMessage"
  resource  = "arn:aws:sqs:us-east-1:222222222222:away-queue"
  expect    = each.value.expect
  doc       = "docs/semantics.md §8 rule 4: cross-account, both are required, and the resource policy must name the principal or its account; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html"
}
