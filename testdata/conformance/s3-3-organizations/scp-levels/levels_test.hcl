test "allowed at every level" {
  for_each = {
    app      = "arn:aws:iam::111111111111:user/app_admin"
    batch    = "arn:aws:iam::222222222222:user/batch_admin"
    team_app = "arn:aws:iam::333333333333:user/team_admin"
  }
  principal = each.value
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::bucket/key"
  expect    = "allow"
  doc       = "docs/semantics.md §3.3: s3 is allowed at the root (FullAWSAccess), the OUs and the account; the identity policy allows"
}

test "allowed by the OU but not by the account's own SCP" {
  principal = user.app_admin
  action    = "ec2:RunInstances"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.3 and §8 rule 3: every level needs its own Allow; the account app only allows s3:*. https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html"
}

test "allowed by the account's default FullAWSAccess but not by the parent OU" {
  for_each  = toset(["iam:CreateUser", "lambda:InvokeFunction"])
  principal = user.batch_admin
  action    = each.value
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.3: 'A permission allowed at the account but not at a parent OU is denied.'"
}

test "allowed by the OU and the account's default" {
  principal = user.batch_admin
  action    = "ec2:RunInstances"
  resource  = "*"
  expect    = "allow"
  doc       = "docs/semantics.md §3.3: the root (FullAWSAccess), workloads (s3, ec2) and the account (FullAWSAccess) all allow ec2"
}

test "a nested OU cannot widen its parent" {
  principal = user.team_admin
  action    = "iam:CreateUser"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.3: the unit team allows iam:* but its parent unit workloads does not; levels AND together"
}

test "a nested OU inside its parent's limits" {
  principal = user.team_admin
  action    = "ec2:TerminateInstances"
  resource  = "*"
  expect    = "allow"
  doc       = "docs/semantics.md §3.3: root, workloads, team and the account all allow ec2"
}
