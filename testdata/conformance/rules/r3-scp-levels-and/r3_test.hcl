test "prod1: allowed where every level allows" {
  for_each = {
    ec2 = { action = "ec2:RunInstances", resource = "*" }
    s3  = { action = "s3:PutObject", resource = "arn:aws:s3:::bucket/key" }
  }
  principal = user.prod_admin
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "docs/semantics.md §3.3: root, security, prod (one of its two SCPs) and the account all allow"
}

test "prod1: an action the prod unit does not allow" {
  for_each  = toset(["lambda:InvokeFunction", "cloudtrail:DescribeTrails", "iam:CreateRole"])
  principal = user.prod_admin
  action    = each.value
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §8 rule 3: every level needs its own Allow; the prod unit allows only ec2 and s3"
}

test "prod1: a Deny from a grandparent level" {
  for_each = {
    root_level     = { action = "cloudtrail:DeleteTrail", stmt = "root" }
    security_level = { action = "cloudtrail:StopLogging", stmt = "security" }
  }
  principal = user.prod_admin
  action    = each.value.action
  resource  = "*"
  expect    = "explicit_deny"
  doc       = "docs/semantics.md §3.1 step 1: a Deny in any SCP on the path (root, every OU, the account) is an explicit deny"
}

test "prod1 root user is bound like its users" {
  for_each = {
    ec2       = { action = "ec2:RunInstances", expect = "allow" }
    lambda    = { action = "lambda:InvokeFunction", expect = "implicit_deny" }
    stop_logs = { action = "cloudtrail:StopLogging", expect = "explicit_deny" }
  }
  principal = account.prod1
  action    = each.value.action
  resource  = "*"
  expect    = each.value.expect
  doc       = "docs/semantics.md §8 rule 3 and §4.4: member-account root is not exempt from SCPs"
}

test "a service-linked role in prod1 is exempt" {
  for_each  = toset(["lambda:InvokeFunction", "cloudtrail:StopLogging", "cloudtrail:DeleteTrail"])
  principal = "cloudtrail.amazonaws.com"
  assume    = role.AWSServiceRoleForCloudTrail
  action    = each.value
  resource  = "*"
  expect    = "allow"
  doc       = "docs/semantics.md §3.3: SCPs do not affect service-linked roles"
}

test "the management account is exempt, even from the root's Deny" {
  for_each  = toset(["cloudtrail:DeleteTrail", "lambda:InvokeFunction"])
  principal = user.mgmt_admin
  action    = each.value
  resource  = "*"
  expect    = "allow"
  doc       = "docs/semantics.md §3.3: SCPs do not affect users, roles or the root user of the management account"
}
