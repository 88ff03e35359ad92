test "an ARN without a resource part" {
  for_each = {
    s3_empty_resource  = { action = "s3:GetObject", resource = "arn:aws:s3:::" }
    iam_empty_resource = { action = "iam:GetUser", resource = "arn:aws:iam::111111111111:" }
    sqs_empty_resource = { action = "sqs:SendMessage", resource = "arn:aws:sqs:eu-west-1:111111111111:" }
    five_segments      = { action = "sqs:SendMessage", resource = "arn:aws:sqs:eu-west-1:111111111111" }
    three_segments     = { action = "s3:GetObject", resource = "arn:aws:s3" }
  }
  principal = user.admin
  action    = each.value.action
  resource  = each.value.resource
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html: ARNs have the formats arn:partition:service:region:account-id:resource-id, …:resource-type/resource-id and …:resource-type:resource-id ('Be aware that the ARNs for some resources omit the Region, the account ID, or both'), never the resource identifier; a request for no resource is not authorized by Resource \"*\""
}

test "not an ARN at all" {
  for_each  = toset(["open-bucket", "s3://open-bucket/key", "arn:", ""])
  principal = user.admin
  action    = "s3:GetObject"
  resource  = each.value
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html (the ARN formats); a resource must be an ARN or \"*\""
}

test "an anonymous request for an ARN without a resource part" {
  principal = "anonymous"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::"
  expect    = "deny"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html; the bucket policy of open-bucket governs only its own ARN and the ARNs below it"
}

test "well-formed ARNs are decided as usual" {
  for_each = {
    bucket = { action = "s3:ListBucket", resource = "arn:aws:s3:::open-bucket" }
    object = { action = "s3:GetObject", resource = "arn:aws:s3:::open-bucket/a/b.txt" }
    user   = { action = "iam:GetUser", resource = "arn:aws:iam::111111111111:user/admin" }
    queue  = { action = "sqs:SendMessage", resource = "arn:aws:sqs:eu-west-1:111111111111:jobs" }
    star   = { action = "s3:ListAllMyBuckets", resource = "*" }
  }
  principal        = user.admin
  action           = each.value.action
  resource         = each.value.resource
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "docs/semantics.md §2.2 (\"*\" matches every resource) and §3.1 step 5"
}

test "an anonymous request for a well-formed object ARN" {
  principal = "anonymous"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::open-bucket/index.html"
  expect    = "allow"
  doc       = "docs/semantics.md §3.4: Principal * allows anonymous requests"
}
