test "PowerUserAccess: everything outside iam, organizations and account" {
  for_each         = toset(["s3:PutObject", "ec2:TerminateInstances", "lambda:CreateFunction", "sts:GetCallerIdentity", "kms:Decrypt"])
  principal        = user.power
  action           = each.value
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.power_user.statement.AllButIamOrgAccount
  doc              = "docs/semantics.md §2: Allow with NotAction grants everything except the listed services; https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html"
}

test "PowerUserAccess: IAM, Organizations and Account actions not listed are denied" {
  for_each  = toset(["iam:CreateUser", "iam:AttachRolePolicy", "organizations:LeaveOrganization", "account:PutAlternateContact", "iam:PassRole"])
  principal = user.power
  action    = each.value
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2: NotAction iam:*, organizations:*, account:* excludes those services; nothing else allows them (§3.1 step 5)"
}

test "PowerUserAccess: the few listed IAM, Organizations and Account actions" {
  for_each         = toset(["iam:ListRoles", "iam:CreateServiceLinkedRole", "organizations:DescribeOrganization", "account:ListRegions"])
  principal        = user.power
  action           = each.value
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.power_user.statement.SomeIamOrgAccount
  doc              = "docs/semantics.md §2: the second statement's Action list allows them; statements of one policy are ORed"
}

test "ReadOnlyAccess: Get, List and Describe actions" {
  for_each         = toset(["s3:GetObject", "s3:ListBucket", "ec2:DescribeInstances", "iam:GetRole", "iam:ListUsers", "dynamodb:DescribeTable", "ec2:describeinstances"])
  principal        = user.viewer
  action           = each.value
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.read_only.statement.ReadOnly
  doc              = "docs/semantics.md §2.1: s3:Get*, s3:List*, ec2:Describe* match by prefix, case-insensitively; https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html"
}

test "ReadOnlyAccess: write actions are denied" {
  for_each  = toset(["s3:PutObject", "s3:DeleteObject", "ec2:RunInstances", "iam:DeleteRole", "dynamodb:PutItem", "iam:CreateUser"])
  principal = user.viewer
  action    = each.value
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2.1 and §3.1 step 5: no Get*/List*/Describe* pattern matches, so no allow"
}

test "ReadOnlyAccess with a Deny on a bucket" {
  for_each = {
    secret = { resource = "arn:aws:s3:::secrets/db.txt", expect = "explicit_deny" }
    other  = { resource = "arn:aws:s3:::public/readme.txt", expect = "allow" }
  }
  principal = user.careful_viewer
  action    = "s3:GetObject"
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "docs/semantics.md §2: Deny beats Allow; the Deny applies only where its resource matches"
}
