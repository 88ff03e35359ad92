test "alice uses her own S3 permissions" {
  principal        = user.alice
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::bucket/key"
  expect           = "allow"
  expect_statement = policy.alice_s3.statement.AliceS3
  doc              = "docs/semantics.md §3.1 step 5"
}

test "the role session has the role's permissions" {
  principal        = user.alice
  assume           = role.Ec2Operator
  action           = "ec2:RunInstances"
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.ec2.statement.Ec2
  doc              = "docs/semantics.md §4.1: a session's identity permissions are the role's identity policies"
}

test "the role session does not keep the caller's permissions" {
  for_each = {
    ec2_operator = role.Ec2Operator
    empty        = role.Empty
  }
  principal = user.alice
  assume    = each.value
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::bucket/key"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.1 and §8 rule 6; https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_permissions-to-switch.html: a user who switches to a role 'temporarily gives up his or her original permissions'"
}

test "alice does not have the role's permissions without assuming it" {
  principal = user.alice
  action    = "ec2:RunInstances"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §1: an IAM role is never itself the caller; its sessions are. Alice's own policies do not allow ec2"
}

test "a role without policies gives a session with no permissions" {
  for_each  = toset(["ec2:RunInstances", "s3:ListAllMyBuckets", "iam:ListRoles"])
  principal = user.alice
  assume    = role.Empty
  action    = each.value
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.1 and §3.1 step 5: the session has only the role's (empty) permissions"
}
