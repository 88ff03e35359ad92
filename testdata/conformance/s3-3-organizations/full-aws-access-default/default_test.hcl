test "FullAWSAccess at every level lets the identity policy decide" {
  for_each         = toset(["s3:GetObject", "iam:CreateUser", "ec2:RunInstances", "organizations:DescribeOrganization"])
  principal        = user.admin
  action           = each.value
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.admin.statement.Admin
  doc              = "docs/semantics.md §3.3: the default FullAWSAccess supplies the allow at every level (root, OU and account have no `policies`)"
}

test "FullAWSAccess does not grant" {
  for_each  = toset(["s3:GetObject", "iam:CreateUser"])
  principal = user.nobody
  action    = each.value
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §8 rule 2: an Allow * in an SCP grants nothing on its own"
}
