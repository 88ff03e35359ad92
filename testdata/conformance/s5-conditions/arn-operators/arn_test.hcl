test "ArnLike matches per segment, StringLike across segments" {
  for_each = {
    arn_like_crossing    = { action = "sqs:SendMessage", arn = "arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/doc", expect = "implicit_deny" }
    string_like_crossing = { action = "sqs:ReceiveMessage", arn = "arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/doc", expect = "allow" }
    arn_like_proper      = { action = "sqs:SendMessage", arn = "arn:aws:svc:us-east-2:111122223333:finance/doc", expect = "allow" }
    string_like_proper   = { action = "sqs:ReceiveMessage", arn = "arn:aws:svc:us-east-2:111122223333:finance/doc", expect = "allow" }
  }
  principal = user.u
  action    = each.value.action
  resource  = "arn:aws:sqs:us-east-1:111111111111:jobs"
  context   = { "aws:SourceArn" = each.value.arn }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2 and §8 rule 9: arn:aws:svc:*:111122223333:finance/* does NOT match arn:aws:svc:us-east-2:999999999999:store/abc:111122223333:finance/doc with ArnLike (StringLike would); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN"
}

test "ArnEquals accepts wildcards like ArnLike" {
  for_each = {
    matches       = { arn = "arn:aws:sns:us-east-1:111111111111:topic-alerts", expect = "allow" }
    other_account = { arn = "arn:aws:sns:us-east-1:222222222222:topic-alerts", expect = "implicit_deny" }
    case          = { arn = "arn:aws:sns:us-east-1:111111111111:Topic-alerts", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "sqs:DeleteMessage"
  resource  = "arn:aws:sqs:us-east-1:111111111111:jobs"
  context   = { "aws:SourceArn" = each.value.arn }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: ArnEquals = ArnLike (the pairs behave identically), case-sensitive"
}

test "ArnNotLike with several values is a NOR" {
  for_each = {
    first_value  = { arn = "arn:aws:sns:eu-west-1:111111111111:blocked", expect = "implicit_deny" }
    second_value = { arn = "arn:aws:s3:::untrusted-bucket", expect = "implicit_deny" }
    neither      = { arn = "arn:aws:sns:eu-west-1:111111111111:allowed", expect = "allow" }
  }
  principal = user.u
  action    = "sqs:GetQueueAttributes"
  resource  = "arn:aws:sqs:us-east-1:111111111111:jobs"
  context   = { "aws:SourceArn" = each.value.arn }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: negated operators (ArnNotLike) with several values are true when the request value matches none of them"
}

test "the sixth segment includes its colons" {
  for_each = {
    group_with_stream = { arn = "arn:aws:logs:us-east-1:111111111111:log-group:app:log-stream:web", expect = "allow" }
    other_region      = { arn = "arn:aws:logs:us-west-2:111111111111:log-group:app:log-stream:web", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "sqs:ChangeMessageVisibility"
  resource  = "arn:aws:sqs:us-east-1:111111111111:jobs"
  context   = { "aws:SourceArn" = each.value.arn }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: the ARN has 6 colon-delimited segments; the resource segment is everything after the fifth colon, and `*` matches within it"
}

test "ARN operators with the key absent" {
  for_each = {
    arn_like     = { action = "sqs:SendMessage", expect = "implicit_deny" }
    arn_equals   = { action = "sqs:DeleteMessage", expect = "implicit_deny" }
    arn_not_like = { action = "sqs:GetQueueAttributes", expect = "allow" }
  }
  principal = user.u
  action    = each.value.action
  resource  = "arn:aws:sqs:us-east-1:111111111111:jobs"
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: absent key: ordinary operators false, negated operators true"
}

test "ArnLike on a missing key is reported" {
  principal              = user.u
  action                 = "sqs:SendMessage"
  resource               = "arn:aws:sqs:us-east-1:111111111111:jobs"
  expect                 = "implicit_deny"
  expect_missing_context = ["aws:SourceArn"]
  doc                    = "docs/semantics.md §5.1: absent key: ArnLike is false; the only statement matching sqs:SendMessage reads aws:SourceArn (MissingContextValues, https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html)"
}
