# The suite that the imported Acme organization must pass, as its
# hand-written twin (handwritten/) does. Every expectation follows
# docs/semantics.md and the AWS pages cited.

test "alice administers the management account with MFA" {
  for_each = {
    create_user = "iam:CreateUser"
    leave       = "organizations:LeaveOrganization"
  }
  principal        = user.alice
  mfa              = true
  action           = each.value
  resource         = "*"
  expect           = "allow"
  expect_statement = aws_policy.AdministratorAccess.statement[0]
  doc              = "AdministratorAccess allows everything; SCPs never restrict the management account (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html), and with MFA the ForceMFA deny's BoolIfExists is false"
}

test "without MFA alice can only manage her password" {
  for_each = {
    create_user     = { action = "iam:CreateUser", expect = "explicit_deny" }
    change_password = { action = "iam:ChangePassword", expect = "allow" }
  }
  principal = user.alice
  action    = each.value.action
  resource  = "arn:aws:iam::111111111111:user/staff/alice"
  expect    = each.value.expect
  doc       = "long-term keys carry no aws:MultiFactorAuthPresent, so BoolIfExists false matches and DenyWithoutMFA denies every action but its NotAction list (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent)"
}

test "alice in prod, within the region lock" {
  for_each = {
    ireland  = { region = "eu-west-1", expect = "allow" }
    virginia = { region = "us-east-1", expect = "explicit_deny" }
  }
  principal = user.alice
  mfa       = true
  assume    = role.prod_OrganizationAccountAccessRole
  action    = "ec2:RunInstances"
  resource  = "*"
  context   = { "aws:RequestedRegion" = each.value.region }
  expect    = each.value.expect
  doc       = "the role trusts the management account, whose administrators may assume it; the Workloads unit's region lock denies what is outside eu-west-1 and eu-central-1 (docs/semantics.md §3.3)"
}

test "no account leaves the organization" {
  principal        = user.alice
  mfa              = true
  assume           = role.prod_OrganizationAccountAccessRole
  action           = "organizations:LeaveOrganization"
  resource         = "*"
  context          = { "aws:RequestedRegion" = "eu-west-1" }
  expect           = "explicit_deny"
  expect_statement = scp.deny_leave_organization.statement.DenyLeave
  doc              = "an SCP attached at the root binds every member account (docs/semantics.md §3.3)"
}

test "bob develops in dev but never touches prod's data" {
  for_each = {
    describe  = { action = "ec2:DescribeInstances", resource = "*", expect = "allow" }
    prod_data = { action = "s3:GetObject", resource = "arn:aws:s3:::acme-prod-data/report.csv", expect = "explicit_deny" }
    iam       = { action = "iam:CreateUser", resource = "*", expect = "implicit_deny" }
  }
  principal = user.bob
  action    = each.value.action
  resource  = each.value.resource
  context   = { "aws:RequestedRegion" = "eu-west-1" }
  expect    = each.value.expect
  doc       = "PowerUserAccess allows all but iam:*, organizations:* and account:* (and a few IAM reads); the developers group denies s3:* on acme-prod-data"
}

test "the reporter writes under its own name only" {
  for_each = {
    own   = { resource = "arn:aws:s3:::acme-prod-data/home/reporter/q4.csv", expect = "allow" }
    other = { resource = "arn:aws:s3:::acme-prod-data/home/bob/q4.csv", expect = "implicit_deny" }
  }
  principal = user.reporter
  action    = "s3:PutObject"
  resource  = each.value.resource
  context   = { "aws:RequestedRegion" = "eu-west-1" }
  expect    = each.value.expect
  doc       = "$${aws:username} in a 2012-10-17 policy is the caller's user name (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html); ReadOnlyAccess does not write"
}

test "the legacy policy still grants its one action" {
  principal        = user.reporter
  action           = "cloudwatch:PutMetricData"
  resource         = "*"
  context          = { "aws:RequestedRegion" = "eu-west-1" }
  expect           = "allow"
  expect_statement = policy.legacy-metrics.statement[0]
  doc              = "a document without Version is read as 2008-10-17; nothing else the reporter has writes metrics"
}

test "the app role reads within its boundary" {
  for_each = {
    read    = { action = "s3:GetObject", expect = "allow" }
    write   = { action = "s3:PutObject", expect = "implicit_deny" }
    delete  = { action = "s3:DeleteObject", expect = "implicit_deny" }
  }
  principal = "ec2.amazonaws.com"
  assume    = role.app
  action    = each.value.action
  resource  = "arn:aws:s3:::acme-prod-data/orders.csv"
  context   = { "aws:RequestedRegion" = "eu-west-1" }
  expect    = each.value.expect
  doc       = "a permissions boundary allows nothing by itself: the effective permissions are the intersection of the identity policy (ReadData) and the boundary (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html)"
}

test "the dev runner deploys to prod through ci-deploy" {
  for_each = {
    put    = { action = "s3:PutObject", expect = "allow" }
    delete = { action = "s3:DeleteObject", expect = "explicit_deny" }
  }
  principal = "codebuild.amazonaws.com"
  assume    = [role.ci-runner, role.ci-deploy]
  action    = each.value.action
  resource  = "arn:aws:s3:::acme-prod-artifacts/build-42.zip"
  context   = { "aws:RequestedRegion" = "eu-west-1" }
  expect    = each.value.expect
  doc       = "ci-deploy trusts the ci-runner role of dev, whose own policy allows sts:AssumeRole on it (cross-account: both must allow, docs/semantics.md §4.2); deploy-artifacts allows PutObject and denies deletes"
}

test "the dev runner has the account's version of AmazonS3ReadOnlyAccess" {
  for_each = {
    s3            = { action = "s3:GetObject", resource = "arn:aws:s3:::acme-dev-builds/cache.tar", expect = "allow" }
    object_lambda = { action = "s3-object-lambda:GetObject", resource = "arn:aws:s3-object-lambda:eu-west-1:333333333333:accesspoint/ap/object/cache.tar", expect = "implicit_deny" }
  }
  principal = "codebuild.amazonaws.com"
  assume    = role.ci-runner
  action    = each.value.action
  resource  = each.value.resource
  context   = { "aws:RequestedRegion" = "eu-west-1" }
  expect    = each.value.expect
  doc       = "the export holds version v1 of AmazonS3ReadOnlyAccess (s3:Get* and s3:List* only); the project supplies it, so s3-object-lambda, which later versions add, is not allowed"
}

test "SCPs do not restrict the service-linked support role" {
  principal = "support.amazonaws.com"
  assume    = role.AWSServiceRoleForSupport
  action    = "apigateway:GET"
  resource  = "arn:aws:apigateway:us-east-1::/apis"
  context   = { "aws:RequestedRegion" = "us-east-1" }
  expect    = "allow"
  doc       = "SCPs do not affect service-linked roles (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html), so the region lock does not apply; AWSSupportServiceRolePolicy allows apigateway:GET on /apis"
}

test "the security unit's allow list replaces FullAWSAccess" {
  for_each = {
    audit   = { action = "cloudtrail:LookupEvents", expect = "allow" }
    compute = { action = "ec2:RunInstances", expect = "implicit_deny" }
  }
  principal = account.security_audit
  action    = each.value.action
  resource  = "*"
  expect    = each.value.expect
  doc       = "the root user of a member account is bound by SCPs; every level between the root and the account must allow (docs/semantics.md §3.3), and the Security unit allows only its audit services"
}

test "the data perimeter keeps the contractor out of prod's data" {
  principal        = user.vendor
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::acme-prod-data/report.csv"
  context          = { "aws:RequestedRegion" = "eu-west-1" }
  expect           = "explicit_deny"
  expect_statement = rcp.data_perimeter.statement.EnforceOrgIdentities
  doc              = "the contractor's account is in no organization, so aws:PrincipalOrgID is absent and StringNotEqualsIfExists matches; the bucket policy's grant does not matter against a Deny (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html)"
}

test "the contractor still lists its own buckets" {
  principal = user.vendor
  action    = "s3:ListAllMyBuckets"
  resource  = "*"
  context   = { "aws:RequestedRegion" = "eu-west-1" }
  expect    = "allow"
  doc       = "its own account is outside the organization: no SCP or RCP applies, and AmazonS3ReadOnlyAccess allows s3:List*"
}
