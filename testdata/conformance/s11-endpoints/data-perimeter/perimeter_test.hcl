test "through the endpoint: reading the own account's bucket" {
  principal = user.dev
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::app-bucket/report.csv"
  context   = { "aws:SourceVpce" = "vpce-0perim01", "aws:SourceVpc" = "vpc-111aaa" }
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-resourceaccount: aws:ResourceAccount is 'the resource owner's AWS account ID'; the endpoint policy and the identity policy allow (https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html)"
}

test "through the endpoint: reading another account's bucket" {
  principal = user.dev
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data-bucket/report.csv"
  context   = { "aws:SourceVpce" = "vpce-0perim01", "aws:SourceVpc" = "vpc-111aaa" }
  expect    = "implicit_deny"
  doc       = "reference_policies_condition-keys.html#condition-keys-resourceaccount (the bucket's account is 222222222222); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_endpoint_policies.html: 'Both the endpoint policy and the caller's applicable policies must allow a request' — the bucket policy and the identity policy allow, the endpoint policy does not"
}

test "not through the endpoint: reading another account's bucket" {
  principal = user.dev
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data-bucket/report.csv"
  context   = { "aws:SourceIp" = "203.0.113.10" }
  expect    = "allow"
  doc       = "docs/semantics.md §3.2: the bucket policy names the app account and the identity policy allows; the endpoint is not used"
}

test "through the endpoint: writes by the CI role" {
  principal = user.dev
  assume    = role.ci
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::app-bucket/build.zip"
  context   = { "aws:SourceVpce" = "vpce-0perim01", "aws:SourceVpc" = "vpc-111aaa" }
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html: for gateway endpoints 'the Principal element must be set to *. To specify a principal, use the aws:PrincipalArn condition key'; for a role session aws:PrincipalArn is the role ARN (docs/semantics.md §4.1)"
}

test "through the endpoint: writes by another principal" {
  principal = user.dev
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::app-bucket/build.zip"
  context   = { "aws:SourceVpce" = "vpce-0perim01", "aws:SourceVpc" = "vpc-111aaa" }
  expect    = "implicit_deny"
  doc       = "vpc-endpoints-access.html: the endpoint policy allows s3:PutObject only when aws:PrincipalArn is the CI role's ARN; the user's is not"
}

test "anonymous requests through the endpoint" {
  for_each = {
    own_account   = { resource = "arn:aws:s3:::app-bucket/public/index.html", expect = "allow" }
    other_account = { resource = "arn:aws:s3:::data-bucket/public/index.html", expect = "implicit_deny" }
  }
  principal = "anonymous"
  action    = "s3:GetObject"
  resource  = each.value.resource
  context   = { "aws:SourceVpce" = "vpce-0perim01", "aws:SourceVpc" = "vpc-111aaa" }
  expect    = each.value.expect
  doc       = "vpc-endpoints-access.html: the endpoint policy controls access through the endpoint for every principal (Principal *); docs/semantics.md §3.4: the bucket policies allow anonymous reads of public/*"
}

test "anonymous requests not through the endpoint" {
  principal = "anonymous"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data-bucket/public/index.html"
  context   = { "aws:SourceIp" = "203.0.113.10" }
  expect    = "allow"
  doc       = "docs/semantics.md §3.4: Principal * allows anonymous requests"
}
