# The suite that the project imported from the AWS CLI reference's example
# (authz.json) must pass. Every expectation follows docs/semantics.md and
# the AWS pages cited.

test "Alice administers the account through the Admins group" {
  principal        = user.Alice
  action           = "iam:CreateUser"
  resource         = "arn:aws:iam::123456789012:user/newcomer"
  expect           = "allow"
  expect_statement = aws_policy.AdministratorAccess.statement[0]
  doc              = "a user has the policies of its groups; AdministratorAccess allows every action on every resource"
}

test "Bob is an Admin denied billing and IAM" {
  for_each = {
    iam     = { action = "iam:CreateUser", expect = "explicit_deny" }
    billing = { action = "aws-portal:ViewBilling", expect = "explicit_deny" }
    ec2     = { action = "ec2:RunInstances", expect = "allow" }
  }
  principal = user.Bob
  action    = each.value.action
  resource  = "*"
  expect    = each.value.expect
  doc       = "an explicit Deny in any applicable policy overrides any Allow (docs/semantics.md §2; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html); DenyBillingAndIAMPolicy denies aws-portal:* and iam:*"
}

test "Bob's deny is his own inline policy" {
  principal        = user.Bob
  action           = "iam:CreateUser"
  resource         = "*"
  expect           = "explicit_deny"
  expect_statement = user.Bob.policy.DenyBillingAndIAMPolicy.statement[0]
}

test "Charlie is a power user" {
  for_each = {
    s3  = { action = "s3:GetObject", resource = "arn:aws:s3:::example-bucket/report.csv", expect = "allow" }
    iam = { action = "iam:CreateUser", resource = "*", expect = "implicit_deny" }
  }
  principal = user.Charlie
  action    = each.value.action
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "PowerUserAccess allows everything but iam:*, organizations:* and account:* (a few IAM and Organizations reads excepted); nothing else allows iam:CreateUser"
}

test "EC2 instances of EC2role use S3 and DynamoDB, nothing else" {
  for_each = {
    s3       = { action = "s3:PutObject", resource = "arn:aws:s3:::example-bucket/upload.csv", expect = "allow" }
    dynamodb = { action = "dynamodb:GetItem", resource = "arn:aws:dynamodb:us-east-1:123456789012:table/orders", expect = "allow" }
    ec2      = { action = "ec2:RunInstances", resource = "*", expect = "implicit_deny" }
  }
  principal = "ec2.amazonaws.com"
  assume    = role.EC2role
  action    = each.value.action
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "the trust policy lets ec2.amazonaws.com assume EC2role, whose sessions have AmazonS3FullAccess and AmazonDynamoDBFullAccess only (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html)"
}

test "the Finance group's inline policy reaches nobody" {
  principal = user.Alice
  action    = "aws-portal:ViewBilling"
  resource  = "*"
  expect    = "allow"
  doc       = "Finance has no member in the export; Alice gets billing from AdministratorAccess, not from policygen-201310141157"
  expect_statement = aws_policy.AdministratorAccess.statement[0]
}
