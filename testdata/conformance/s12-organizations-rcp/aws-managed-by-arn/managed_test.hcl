test "ReadOnlyAccess allows reading" {
  for_each = {
    prod = { who = user.prod_reader, resource = "arn:aws:s3:::prod-reports/q1.csv" }
    dev  = { who = user.dev_reader, resource = "arn:aws:s3:::dev-reports/q1.csv" }
  }
  principal = each.value.who
  action    = "s3:GetObject"
  resource  = each.value.resource
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html: the policy allows s3:Get* on *; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html: an AWS managed policy 'can be attached to principal entities in different AWS accounts'"
}

test "ReadOnlyAccess denies nothing, allows no writes" {
  for_each = {
    s3_put     = { action = "s3:PutObject", resource = "arn:aws:s3:::prod-reports/q1.csv" }
    s3_delete  = { action = "s3:DeleteObject", resource = "arn:aws:s3:::prod-reports/q1.csv" }
    iam_create = { action = "iam:CreateUser", resource = "arn:aws:iam::111111111111:user/mallory" }
    ec2_run    = { action = "ec2:RunInstances", resource = "*" }
  }
  principal = user.prod_reader
  action    = each.value.action
  resource  = each.value.resource
  expect    = "implicit_deny"
  doc       = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html: only read actions (Get*, List*, Describe*, …) are allowed and the policy has no Deny statement; docs/semantics.md §3.1 step 5"
}

test "AmazonS3ReadOnlyAccess beside a customer managed policy" {
  for_each = {
    get_any     = { action = "s3:GetObject", resource = "arn:aws:s3:::any-bucket/x", expect = "allow" }
    put_reports = { action = "s3:PutObject", resource = "arn:aws:s3:::prod-reports/q1.csv", expect = "allow" }
    put_other   = { action = "s3:PutObject", resource = "arn:aws:s3:::any-bucket/x", expect = "implicit_deny" }
    delete_any  = { action = "s3:DeleteObject", resource = "arn:aws:s3:::prod-reports/q1.csv", expect = "implicit_deny" }
  }
  principal = user.s3_reader
  action    = each.value.action
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonS3ReadOnlyAccess.html: one statement allowing s3:Get*, s3:List*, s3:Describe*, s3-object-lambda:Get* and s3-object-lambda:List* on *; docs/semantics.md §3.1 step 5: the identity policies are unioned"
}

test "the deciding statement of an AWS managed policy" {
  principal        = user.s3_reader
  action           = "s3:ListBucket"
  resource         = "arn:aws:s3:::any-bucket"
  expect           = "allow"
  expect_statement = aws_policy.AmazonS3ReadOnlyAccess.statement[0]
  doc              = "AmazonS3ReadOnlyAccess.html: its only statement (without a Sid) allows s3:List*"
}

test "PowerUserAccess as a permissions boundary" {
  for_each = {
    s3_put          = { action = "s3:PutObject", resource = "arn:aws:s3:::prod-reports/q1.csv", expect = "allow" }
    ec2_run         = { action = "ec2:RunInstances", resource = "*", expect = "allow" }
    iam_create_user = { action = "iam:CreateUser", resource = "arn:aws:iam::111111111111:user/mallory", expect = "implicit_deny" }
    iam_slr         = { action = "iam:CreateServiceLinkedRole", resource = "*", expect = "allow" }
    iam_list_roles  = { action = "iam:ListRoles", resource = "*", expect = "allow" }
    org_describe    = { action = "organizations:DescribeOrganization", resource = "*", expect = "allow" }
    org_leave       = { action = "organizations:LeaveOrganization", resource = "*", expect = "implicit_deny" }
    account_info    = { action = "account:GetAccountInformation", resource = "*", expect = "allow" }
    account_contact = { action = "account:PutAlternateContact", resource = "*", expect = "implicit_deny" }
  }
  principal = user.power
  action    = each.value.action
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html: Allow NotAction [iam:*, organizations:*, account:*] on *, and Allow account:GetAccountInformation, account:GetGovCloudAccountInformation, account:GetPrimaryEmail, account:ListRegions, iam:CreateServiceLinkedRole, iam:DeleteServiceLinkedRole, iam:ListRoles, organizations:DescribeEffectivePolicy, organizations:DescribeOrganization; AdministratorAccess allows everything; docs/semantics.md §3.1 step 6: the boundary must allow too"
}
