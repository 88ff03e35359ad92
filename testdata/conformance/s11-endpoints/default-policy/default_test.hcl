test "the default endpoint policy lets the other policies decide" {
  for_each = {
    get  = { action = "s3:GetObject", resource = "arn:aws:s3:::anybucket/report.csv", expect = "allow" }
    list = { action = "s3:ListBucket", resource = "arn:aws:s3:::anybucket", expect = "allow" }
    put  = { action = "s3:PutObject", resource = "arn:aws:s3:::anybucket/report.csv", expect = "implicit_deny" }
    deny = { action = "s3:GetObject", resource = "arn:aws:s3:::ours/secrets/key.pem", expect = "explicit_deny" }
  }
  principal = user.dev
  action    = each.value.action
  resource  = each.value.resource
  context   = { "aws:SourceVpce" = "vpce-0default0", "aws:SourceVpc" = "vpc-222bbb" }
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html: the default policy {\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"} 'grants full access to the endpoint'; the identity policy decides (docs/semantics.md §3.1)"
}

test "the default endpoint policy grants nothing by itself" {
  principal = user.nobody
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::anybucket/report.csv"
  context   = { "aws:SourceVpce" = "vpce-0default0", "aws:SourceVpc" = "vpc-222bbb" }
  expect    = "implicit_deny"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_endpoint_policies.html: 'VPC endpoint policies don't grant permissions on their own'"
}

test "the same requests without the endpoint" {
  for_each = {
    get  = { action = "s3:GetObject", resource = "arn:aws:s3:::anybucket/report.csv", expect = "allow" }
    put  = { action = "s3:PutObject", resource = "arn:aws:s3:::anybucket/report.csv", expect = "implicit_deny" }
    deny = { action = "s3:GetObject", resource = "arn:aws:s3:::ours/secrets/key.pem", expect = "explicit_deny" }
  }
  principal = user.dev
  action    = each.value.action
  resource  = each.value.resource
  context   = { "aws:SourceIp" = "203.0.113.10" }
  expect    = each.value.expect
  doc       = "docs/semantics.md §3.1: with the default endpoint policy the decisions are the same through the endpoint and without it"
}
