# The reports bucket in prod: shared with dev, closed to anyone outside the
# organization by the data perimeter.

test "dev reads prod's reports" {
  for_each = {
    object = { action = "s3:GetObject", resource = "arn:aws:s3:::northwind-reports/2026/q1.csv" }
    list   = { action = "s3:ListBucket", resource = "arn:aws:s3:::northwind-reports" }
  }
  principal = user.alice_dev
  mfa       = true
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html: across accounts both the identity policy (PowerUserAccess allows s3:*) and the bucket policy (DevReads names the dev account) must allow; alice's account is in the organization, so the data perimeter RCP's StringNotEqualsIfExists aws:PrincipalOrgID is false"
}

test "dev cannot write to prod's reports" {
  principal = user.alice_dev
  mfa       = true
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::northwind-reports/2026/q1.csv"
  expect    = "implicit_deny"
  doc       = "reference_policies_evaluation-logic-cross-account.html: the bucket policy grants the dev account s3:GetObject and s3:ListBucket only; an identity allow alone does not reach another account's resource"
}

test "the data perimeter stops the former vendor" {
  principal        = user.auditor
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::northwind-reports/2026/q1.csv"
  expect           = "explicit_deny"
  expect_statement = rcp.data_perimeter.statement.EnforceOrgIdentities
  doc              = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html: 'Use an RCP when you need to restrict IAM principals that are external to your organization accounts making requests to access resources within your organization's member accounts'; the vendor's account is in no organization, so aws:PrincipalOrgID is absent and both …IfExists conditions are true; the bucket policy's LegacyVendor grant does not matter against a Deny (docs/semantics.md §2)"
}

test "the data perimeter keeps the vendor out of prod's roles too" {
  principal = user.auditor
  action    = "sts:AssumeRole"
  resource  = "arn:aws:iam::222200002222:role/OrganizationAccountAccessRole"
  expect    = "deny"
  doc       = "orgs_manage_policies_rcps.html: the perimeter denies sts:AssumeRole to principals outside the organization, and the role trusts the management account only (docs/semantics.md §4.2)"
}

test "the organization's own accounts pass the perimeter" {
  principal = user.ops
  assume    = role.prod_admin
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::northwind-reports/2026/q2.csv"
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps_evaluation.html: RCPFullAWSAccess 'allows all principals and actions access to pass through RCP evaluation', and the perimeter's Deny needs a principal outside the organization; prod's own administrator role (AdministratorAccess) writes to prod's bucket"
}
