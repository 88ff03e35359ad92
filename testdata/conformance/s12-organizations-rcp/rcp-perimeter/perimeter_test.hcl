test "an RCP Deny stops another account on each supported service" {
  for_each = {
    s3             = { action = "s3:GetObject", resource = "arn:aws:s3:::app-bucket/report.csv" }
    sqs            = { action = "sqs:SendMessage", resource = "arn:aws:sqs:eu-west-1:111111111111:orders" }
    secretsmanager = { action = "secretsmanager:GetSecretValue", resource = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:partner-token-AbCdEf" }
    kms            = { action = "kms:Decrypt", resource = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab" }
    sts            = { action = "sts:AssumeRole", resource = "arn:aws:iam::111111111111:role/PartnerAccess" }
  }
  principal        = user.partner_dev
  action           = each.value.action
  resource         = each.value.resource
  expect           = "explicit_deny"
  expect_statement = rcp.identity_perimeter.statement.EnforceOrgIdentities
  doc              = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html: 'Use an RCP when you need to restrict IAM principals that are external to your organization accounts making requests to access resources within your organization's member accounts'; S3, STS, KMS, SQS and Secrets Manager support RCPs (same page, and docs/semantics.md §3.3); docs/semantics.md §3.1 step 1 and §3.2: the resource policies allow the partner account, the RCP Deny wins"
}

test "the organization's own accounts pass the perimeter" {
  for_each = {
    same_account  = { user = user.app_dev, action = "s3:GetObject", resource = "arn:aws:s3:::app-bucket/report.csv" }
    other_member  = { user = user.data_dev, action = "s3:GetObject", resource = "arn:aws:s3:::app-bucket/report.csv" }
    assume_member = { user = user.data_dev, action = "sts:AssumeRole", resource = "arn:aws:iam::111111111111:role/PartnerAccess" }
  }
  principal = each.value.user
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid: the caller's organization is o-acme111111, so StringNotEqualsIfExists is false; https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html: RCPFullAWSAccess 'allows all principals and actions access to pass through RCP evaluation'"
}

test "an AWS service passes the perimeter" {
  principal = "cloudtrail.amazonaws.com"
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::app-bucket/AWSLogs/111111111111/trail.json.gz"
  context   = { "aws:SourceAccount" = "111111111111" }
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/kms/latest/developerguide/resource-control-policies.html (the RCPEnforceIdentityPerimeter example excludes AWS service principals with aws:PrincipalIsAWSService); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalisawsservice: true for a service principal, so BoolIfExists false is false; the bucket policy names the service"
}

test "an anonymous caller is stopped by the perimeter" {
  principal        = "anonymous"
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::app-bucket/public/index.html"
  expect           = "explicit_deny"
  expect_statement = rcp.identity_perimeter.statement.EnforceOrgIdentities
  doc              = "docs/semantics.md §3.4: 'RCPs still apply' to anonymous requests; reference_policies_condition-keys.html: anonymous requests include neither aws:PrincipalOrgID nor aws:PrincipalIsAWSService, so both …IfExists conditions are true"
}

test "the management account's resources are not affected" {
  principal = user.partner_dev
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::hq-bucket/report.csv"
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html: 'RCPs don't affect resources in the management account. They only affect resources in the member accounts within your organization.'; docs/semantics.md §3.2: the bucket policy names the partner account"
}
