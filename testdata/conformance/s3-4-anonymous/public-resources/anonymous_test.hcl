test "Principal * allows an anonymous request" {
  principal        = "anonymous"
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::website/index.html"
  expect           = "allow"
  expect_statement = resource.website.policy.statement.PublicRead
  doc              = "docs/semantics.md §3.4: only a resource-based policy with Principal * can allow anonymous requests; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous"
}

test "Principal AWS * also covers anonymous" {
  principal        = "anonymous"
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::aws-star/index.html"
  expect           = "allow"
  expect_statement = resource.aws_star.policy.statement.AwsStar
  doc              = "docs/semantics.md §2.3: \"*\" or {\"AWS\":\"*\"}: everyone, including anonymous; reference_policies_elements_principal.html lists the two forms as equivalent"
}

test "a Deny for * applies to anonymous" {
  principal        = "anonymous"
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::website/drafts/next.html"
  expect           = "explicit_deny"
  expect_statement = resource.website.policy.statement.NoPublicDrafts
  doc              = "docs/semantics.md §2 (Deny beats Allow) and §2.3"
}

test "actions the public policy does not list" {
  for_each  = toset(["s3:PutObject", "s3:DeleteObject"])
  principal = "anonymous"
  action    = each.value
  resource  = "arn:aws:s3:::website/index.html"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.4: nothing else can allow an anonymous request"
}

test "a policy naming an account does not allow anonymous" {
  principal = "anonymous"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::account-only/file"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.4: only Principal * allows anonymous requests"
}

test "no resource policy, no anonymous access" {
  principal = "anonymous"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::no-policy-bucket/file"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.4: identity, boundary, session and SCP layers do not exist for anonymous requests"
}

test "a public statement with a condition" {
  for_each = {
    inside  = { ip = "203.0.113.77", expect = "allow" }
    outside = { ip = "198.51.100.1", expect = "implicit_deny" }
  }
  principal = "anonymous"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::office-only/file"
  context   = { "aws:SourceIp" = each.value.ip }
  expect    = each.value.expect
  doc       = "docs/semantics.md §3.4 and §5.2 (IpAddress: CIDR containment)"
}

test "anonymous requests have no principal keys" {
  for_each = {
    account_scoped = { path = "account", expect = "implicit_deny" }
    null_arn       = { path = "unsigned", expect = "allow" }
  }
  principal = "anonymous"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::scoped/${each.value.path}/file"
  expect    = each.value.expect
  doc       = "docs/semantics.md §3.4 and §5.1: an anonymous request has no aws:PrincipalAccount or aws:PrincipalArn, so StringEquals is false and Null true is true; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn"
}

test "a public statement whose condition key is missing" {
  principal              = "anonymous"
  action                 = "s3:GetObject"
  resource               = "arn:aws:s3:::office-only/file"
  expect                 = "implicit_deny"
  expect_missing_context = ["aws:SourceIp"]
  doc                    = "docs/semantics.md §5.1 (absent key: IpAddress is false); the only statement whose action and resource match reads aws:SourceIp, which the request lacks (the IAM policy simulator reports such keys as MissingContextValues: https://docs.aws.amazon.com/IAM/latest/APIReference/API_EvaluationResult.html)"
}
