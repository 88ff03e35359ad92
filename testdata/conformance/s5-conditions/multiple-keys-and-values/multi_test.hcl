test "all keys and operators must hold; any value of a key suffices" {
  for_each = {
    dev           = { ctx = { "aws:RequestTag/env" = "dev", "aws:RequestTag/team" = "payments", "aws:SourceIp" = "10.1.2.3" }, expect = "allow" }
    test_value    = { ctx = { "aws:RequestTag/env" = "test", "aws:RequestTag/team" = "payments", "aws:SourceIp" = "10.1.2.3" }, expect = "allow" }
    wrong_env     = { ctx = { "aws:RequestTag/env" = "prod", "aws:RequestTag/team" = "payments", "aws:SourceIp" = "10.1.2.3" }, expect = "implicit_deny" }
    wrong_team    = { ctx = { "aws:RequestTag/env" = "dev", "aws:RequestTag/team" = "search", "aws:SourceIp" = "10.1.2.3" }, expect = "implicit_deny" }
    wrong_ip      = { ctx = { "aws:RequestTag/env" = "dev", "aws:RequestTag/team" = "payments", "aws:SourceIp" = "192.0.2.1" }, expect = "implicit_deny" }
    missing_team  = { ctx = { "aws:RequestTag/env" = "dev", "aws:SourceIp" = "10.1.2.3" }, expect = "implicit_deny" }
    missing_ip    = { ctx = { "aws:RequestTag/env" = "dev", "aws:RequestTag/team" = "payments" }, expect = "implicit_deny" }
  }
  principal = user.u
  action    = "sqs:SendMessage"
  resource  = "arn:aws:sqs:us-east-1:111111111111:orders"
  context   = each.value.ctx
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1 and §8 rule 8: result = AND over operators, AND over keys, OR over the values of one key; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html"
}

test "the keys of the matching statement that the request lacks are reported" {
  principal              = user.u
  action                 = "sqs:SendMessage"
  resource               = "arn:aws:sqs:us-east-1:111111111111:orders"
  context                = { "aws:RequestTag/env" = "dev" }
  expect                 = "implicit_deny"
  expect_missing_context = ["aws:RequestTag/team", "aws:SourceIp"]
  doc                    = "docs/semantics.md §5.1: every key must hold; aws:RequestTag/team and aws:SourceIp are read by the only matching statement and absent from the request (MissingContextValues, https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html)"
}
