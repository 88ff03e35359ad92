test "through the endpoint: GetCallerIdentity and GetSessionToken are blocked" {
  for_each  = toset(["sts:GetCallerIdentity", "sts:GetSessionToken"])
  principal = user.dev
  action    = each.value
  resource  = "*"
  context   = { "aws:SourceVpce" = "vpce-0sts0001", "aws:SourceVpc" = "vpc-111aaa" }
  expect    = "implicit_deny"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sts_vpc_endpoint_policies.html#reference_sts_vpc_endpoint_policies_example_actions: an endpoint policy that allows only sts:AssumeRole and sts:AssumeRoleWithSAML 'blocks other AWS STS actions such as GetCallerIdentity, GetSessionToken, and AssumeRoleWithWebIdentity through this endpoint'"
}

test "not through the endpoint: GetCallerIdentity needs no permission" {
  for_each  = toset(["sts:GetCallerIdentity", "sts:GetSessionToken"])
  principal = user.nobody
  action    = each.value
  resource  = "*"
  context   = { "aws:SourceIp" = "203.0.113.10" }
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html: 'No permissions are required to perform this operation'; https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html: 'No permissions are required for a user to get a session token'"
}

test "through the endpoint: assuming a role it allows" {
  principal = user.dev
  action    = "sts:AssumeRole"
  resource  = role.Deploy.arn
  context   = { "aws:SourceVpce" = "vpce-0sts0001", "aws:SourceVpc" = "vpc-111aaa" }
  expect    = "allow"
  doc       = "reference_sts_vpc_endpoint_policies.html: 'Both the endpoint policy and the caller's applicable policies must allow a request' — the endpoint policy, the trust policy (docs/semantics.md §4.2) and the identity policy allow"
}

test "through the endpoint: assuming a role it does not allow" {
  principal = user.dev
  action    = "sts:AssumeRole"
  resource  = role.Reader.arn
  context   = { "aws:SourceVpce" = "vpce-0sts0001", "aws:SourceVpc" = "vpc-111aaa" }
  expect    = "implicit_deny"
  doc       = "https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html: the endpoint policy controls what principals can do through the endpoint; its statement covers only role/Deploy*"
}

test "not through the endpoint: assuming a role the trust policy allows" {
  principal = user.dev
  action    = "sts:AssumeRole"
  resource  = role.Reader.arn
  context   = { "aws:SourceIp" = "203.0.113.10" }
  expect    = "allow"
  doc       = "docs/semantics.md §4.2: same account, the trust policy names the caller"
}

test "through the endpoint: the trust policy is still the gate" {
  principal = user.nobody
  action    = "sts:AssumeRole"
  resource  = role.Deploy.arn
  context   = { "aws:SourceVpce" = "vpce-0sts0001", "aws:SourceVpc" = "vpc-111aaa" }
  expect    = "implicit_deny"
  doc       = "reference_sts_vpc_endpoint_policies.html: 'VPC endpoint policies don't grant permissions on their own'; docs/semantics.md §4.2: the trust policy must allow the caller, and it names only the dev user"
}
