test "a unit's RCP binds the accounts below it" {
  for_each = {
    admin = user.app_admin
    root  = account.app
  }
  principal        = each.value
  action           = "s3:DeleteBucket"
  resource         = "arn:aws:s3:::app-bucket"
  expect           = "explicit_deny"
  expect_statement = rcp.keep_buckets.statement.NoBucketDeletion
  doc              = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html: 'For a permission to be denied for a resource in a specific account, any RCP from the root through each OU in the direct path to the account (including the target account itself) can deny that permission'; docs/semantics.md §3.1 steps 0 and 1: the root user too is bound by an RCP Deny"
}

test "RCPFullAWSAccess stays attached beside a Deny RCP" {
  for_each = {
    read   = { action = "s3:GetObject", resource = "arn:aws:s3:::app-bucket/report.csv" }
    write  = { action = "s3:PutObject", resource = "arn:aws:s3:::app-bucket/report.csv" }
    policy = { action = "s3:PutBucketPolicy", resource = "arn:aws:s3:::app-bucket" }
  }
  principal = user.app_admin
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "orgs_manage_policies_rcps_evaluation.html: 'The RCPFullAWSAccess policy ... is automatically attached to the organization root, every OU, and every account in your organization ... You cannot detach this policy. This default RCP allows all principals and actions access to pass through RCP evaluation'"
}

test "another branch's RCP does not apply" {
  principal = user.play_admin
  action    = "s3:DeleteBucket"
  resource  = "arn:aws:s3:::play-bucket"
  expect    = "allow"
  doc       = "orgs_manage_policies_rcps_evaluation.html: only RCPs 'in the direct path to the account' deny; play is under sandbox, not prod"
}

test "an account's RCP binds its own users and root user" {
  for_each = {
    admin_read  = { who = user.lab_admin, action = "s3:GetObject", resource = "arn:aws:s3:::lab-bucket/data.csv" }
    admin_queue = { who = user.lab_admin, action = "sqs:SendMessage", resource = "arn:aws:sqs:eu-west-1:222222222222:jobs" }
    admin_key   = { who = user.lab_admin, action = "kms:Decrypt", resource = "arn:aws:kms:eu-west-1:222222222222:key/0f0e0d0c-0b0a-0908-0706-050403020100" }
    root_read   = { who = account.lab, action = "s3:GetObject", resource = "arn:aws:s3:::lab-bucket/data.csv" }
  }
  principal        = each.value.who
  action           = each.value.action
  resource         = each.value.resource
  expect           = "explicit_deny"
  expect_statement = rcp.quarantine.statement.DenyAll
  doc              = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html: RCPs 'offer central control over the maximum available permissions for resources in your organization'; docs/semantics.md §3.3: RCPs 'apply to all principals', and §3.1 steps 0 and 1: the account's root user is bound by an RCP Deny"
}

test "an RCP does not apply to services that do not support RCPs" {
  for_each = {
    ec2          = { action = "ec2:DescribeInstances", resource = "*" }
    iam          = { action = "iam:ListUsers", resource = "*" }
    ec2_instance = { action = "ec2:TerminateInstances", resource = "arn:aws:ec2:eu-west-1:222222222222:instance/i-0abc" }
  }
  principal = user.lab_admin
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#rcp-supported-services: RCPs apply only to the listed services (Amazon S3, AWS STS, AWS KMS, Amazon SQS, AWS Secrets Manager, …), not Amazon EC2 or IAM; docs/semantics.md §3.3"
}

test "an RCP on the management account's path does not bind its resources" {
  principal = user.hq_admin
  action    = "s3:DeleteBucket"
  resource  = "arn:aws:s3:::hq-bucket"
  expect    = "allow"
  doc       = "orgs_manage_policies_rcps.html: 'RCPs don't affect resources in the management account'"
}

test "a cross-account request into the quarantined account" {
  principal = user.app_admin
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::lab-bucket/data.csv"
  expect    = "deny"
  doc       = "docs/semantics.md §3.2: no bucket policy lets the app account in, and the RCP of the lab account denies everything on its resources"
}
