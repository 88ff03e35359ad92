test "management account users are not restricted by SCPs" {
  for_each         = toset(["iam:CreateUser", "ec2:RunInstances", "ec2:TerminateInstances"])
  principal        = user.hq_admin
  action           = each.value
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.hq_admin.statement.Admin
  doc              = "docs/semantics.md §3.3: SCPs do not affect users, roles or the root user of the management account (neither their allows nor their denies); https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html"
}

test "member account users are restricted by the root SCPs" {
  for_each = {
    iam = { action = "iam:CreateUser", expect = "implicit_deny" }
    ec2 = { action = "ec2:RunInstances", expect = "implicit_deny" }
    s3  = { action = "s3:GetObject", expect = "allow" }
  }
  principal = user.member_admin
  action    = each.value.action
  resource  = "*"
  expect    = each.value.expect
  doc       = "docs/semantics.md §3.1 step 3: the member account's principal needs an SCP allow at each level; the root allows only s3:*"
}

test "an SCP Deny applies to a member account user" {
  principal        = user.member_admin
  action           = "organizations:LeaveOrganization"
  resource         = "*"
  expect           = "explicit_deny"
  expect_statement = scp.deny_leave.statement.DenyLeave
  doc              = "docs/semantics.md §3.1 step 1 and §8 rule 1: any applicable Deny in an SCP is an explicit deny"
}

test "the management account's root user is not restricted by SCPs" {
  for_each  = toset(["iam:CreateUser", "ec2:TerminateInstances"])
  principal = account.hq
  action    = each.value
  resource  = "*"
  expect    = "allow"
  doc       = "docs/semantics.md §4.4: 'Management-account root is not restricted by SCPs'; §3.1 step 0: root is implicitly allowed everything in its own account"
}

test "a member account's root user is restricted by SCP allows" {
  for_each = {
    iam = { action = "iam:CreateUser", expect = "implicit_deny" }
    s3  = { action = "s3:ListAllMyBuckets", expect = "allow" }
  }
  principal = account.member
  action    = each.value.action
  resource  = "*"
  expect    = each.value.expect
  doc       = "docs/semantics.md §4.4 and §8 rule 3: member-account root is not exempt from SCPs; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#access_policies-root: 'the root user is affected by any SCPs for the account'"
}

test "a member account's root user is denied by an SCP Deny" {
  principal        = account.member
  action           = "ec2:TerminateInstances"
  resource         = "*"
  expect           = "explicit_deny"
  expect_statement = scp.deny_leave.statement.DenyLeave
  doc              = "docs/semantics.md §4.4: member-account root is restricted by SCPs, including their explicit denies"
}

test "a service-linked role is not restricted by SCPs" {
  for_each = {
    not_allowed_by_scp = "ec2:CreateNetworkInterface"
    denied_by_scp      = "ec2:TerminateInstances"
  }
  principal = "elasticloadbalancing.amazonaws.com"
  assume    = role.AWSServiceRoleForElasticLoadBalancing
  action    = each.value
  resource  = "*"
  expect    = "allow"
  doc       = "docs/semantics.md §3.3 and §8 rule 3: SCPs do not affect service-linked roles; https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html ('SCPs do not affect service-linked roles')"
}

test "an ordinary role with the same policies is restricted" {
  for_each = {
    not_allowed_by_scp = { action = "ec2:CreateNetworkInterface", expect = "implicit_deny" }
    denied_by_scp      = { action = "ec2:TerminateInstances", expect = "explicit_deny" }
  }
  principal = "elasticloadbalancing.amazonaws.com"
  assume    = role.OrdinaryElbRole
  action    = each.value.action
  resource  = "*"
  expect    = each.value.expect
  doc       = "docs/semantics.md §3.1 step 3: a role session of a member account is bound by its SCPs unless the role is service-linked"
}
