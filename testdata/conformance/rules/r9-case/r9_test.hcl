test "actions match whatever their case" {
  for_each = {
    canonical    = { action = "s3:GetObject", resource = "arn:aws:s3:::Reports/q1" }
    dynamo_get   = { action = "dynamodb:GetItem", resource = "arn:aws:dynamodb:us-east-1:111111111111:table/Orders" }
    request_case = { action = "S3:GETOBJECT", resource = "arn:aws:s3:::Reports/q1" }
  }
  principal = user.alice
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "docs/semantics.md §8 rule 9 and §2.1: actions (prefix and name) are case-insensitive"
}

test "resource ARNs are case-sensitive" {
  for_each = {
    lower_bucket = "arn:aws:s3:::reports/q1"
    upper_table  = "arn:aws:dynamodb:us-east-1:111111111111:table/ORDERS"
  }
  principal = user.alice
  action    = each.value == "arn:aws:s3:::reports/q1" ? "s3:GetObject" : "dynamodb:GetItem"
  resource  = each.value
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §8 rule 9 and §2.2: resource ARNs are case-sensitive"
}

test "principal ARNs are case-sensitive" {
  for_each = {
    exact         = { bucket = "shared", expect = "allow" }
    other_case    = { bucket = "capital", expect = "implicit_deny" }
  }
  principal = user.reader
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value.bucket}/f"
  expect    = each.value.expect
  doc       = "docs/semantics.md §2.3: user names in principal ARNs are case-sensitive; the bucket shared names arn:aws:iam::111111111111:user/reader, the bucket capital names arn:aws:iam::111111111111:user/Reader, which is not the user reader"
}

test "condition key names are case-insensitive, StringLike values are not" {
  for_each = {
    match      = { ctx = { "aws:RequestTag/stage" = "Production" }, expect = "allow" }
    value_case = { ctx = { "aws:RequestTag/stage" = "production" }, expect = "implicit_deny" }
  }
  principal = user.reader
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::shared/f"
  context   = each.value.ctx
  expect    = each.value.expect
  doc       = "docs/semantics.md §8 rule 9: condition-key names (including tag keys) are case-insensitive; StringLike values are case-sensitive"
}
