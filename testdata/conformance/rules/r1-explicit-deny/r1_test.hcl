test "statement order does not matter" {
  for_each = {
    deny_first = { principal = "deny_first", expect = "explicit_deny" }
    deny_last  = { principal = "deny_last", expect = "explicit_deny" }
  }
  principal = "arn:aws:iam::111111111111:user/${each.value.principal}"
  action    = "s3:DeleteObject"
  resource  = "arn:aws:s3:::bucket/key"
  expect    = each.value.expect
  doc       = "docs/semantics.md §2 and §8 rule 1: Deny beats Allow; statement order, policy order and Sids have no effect on the result; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html"
}

test "the Allow still works for what is not denied, in either order" {
  for_each = {
    deny_first = "deny_first"
    deny_last  = "deny_last"
  }
  principal = "arn:aws:iam::111111111111:user/${each.value}"
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::bucket/key"
  expect    = "allow"
  doc       = "docs/semantics.md §2: the Deny applies only to s3:DeleteObject"
}

test "a group's Deny beats the user's own Allow" {
  principal = user.grouped
  action    = "iam:CreateUser"
  resource  = "*"
  expect    = "explicit_deny"
  doc       = "docs/semantics.md §1 (the user's identity policies include the policies of all the user's groups) and §3.1 step 1"
}

test "a Deny in every kind of policy" {
  for_each = {
    scp      = { principal = "admin", action = "kms:ScheduleKeyDeletion", resource = "*" }
    boundary = { principal = "admin", action = "ec2:TerminateInstances", resource = "*" }
    resource = { principal = "admin", action = "s3:DeleteObject", resource = "arn:aws:s3:::vault/secret" }
  }
  principal = "arn:aws:iam::111111111111:user/${each.value.principal}"
  action    = each.value.action
  resource  = each.value.resource
  expect    = "explicit_deny"
  doc       = "docs/semantics.md §3.1 step 1 and §8 rule 1: any applicable Deny in RCPs, SCPs, resource policy, identity policies, boundary or session policy gives an explicit deny"
}

test "a Deny in the SCP applies to a role session too" {
  principal = user.admin
  assume    = role.Admin
  action    = "kms:ScheduleKeyDeletion"
  resource  = "*"
  expect    = "explicit_deny"
  expect_statement = scp.deny_kms_delete.statement.NoKeyDeletion
  doc       = "docs/semantics.md §3.1 steps 1 and 3: SCPs apply to every principal of a member account"
}

test "a Deny in a session policy beats the role's Allow" {
  principal = user.admin
  assume    = role.Admin
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::bucket/key"
  session_policy {
    statement "AllowAll" {
      actions   = ["*"]
      resources = ["*"]
    }
    statement "DenyS3" {
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = ["*"]
    }
  }
  expect = "explicit_deny"
  doc    = "docs/semantics.md §3.1 step 1: a Deny in the session policy is an explicit deny"
}

test "the resource policy's Allow does not override its own Deny" {
  principal = user.admin
  action    = "s3:DeleteObject"
  resource  = "arn:aws:s3:::vault/secret"
  expect    = "explicit_deny"
  expect_statement = resource.vault.policy.statement.NobodyDeletes
  doc       = "docs/semantics.md §2: Deny beats Allow, within one policy as across policies"
}

test "nothing denied: the admin's allows decide" {
  for_each = {
    s3_vault = { action = "s3:GetObject", resource = "arn:aws:s3:::vault/secret" }
    ec2      = { action = "ec2:RunInstances", resource = "*" }
  }
  principal = user.admin
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "docs/semantics.md §3.1 steps 3-6: the SCPs, the identity policy and the boundary allow"
}
