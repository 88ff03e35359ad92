test "the chained session has the second role's permissions" {
  principal        = user.alice
  assume           = [role.First, role.Second]
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::bucket/key"
  expect           = "allow"
  expect_statement = policy.s3_read.statement.S3Read
  doc              = "docs/semantics.md §4.1: role chaining; the new session holds the second role's permissions. Second's trust names First's role ARN, which covers First's sessions (§2.3, §4.2)"
}

test "the chained session loses the first role's permissions" {
  principal = user.alice
  assume    = [role.First, role.Second]
  action    = "ec2:RunInstances"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.1: 'The new session holds only the second role's permissions.'"
}

test "the first session alone has the first role's permissions" {
  for_each = {
    ec2 = { action = "ec2:RunInstances", resource = "*", expect = "allow" }
    s3  = { action = "s3:GetObject", resource = "arn:aws:s3:::bucket/key", expect = "implicit_deny" }
  }
  principal = user.alice
  assume    = role.First
  action    = each.value.action
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "docs/semantics.md §4.1: a session has its role's permissions"
}

test "alice cannot skip the chain" {
  principal = user.alice
  assume    = role.Second
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::bucket/key"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.2: the trust policy must allow the caller; Second trusts only First's role ARN"
}

test "chaining into a role that trusts the account needs an identity allow" {
  principal = user.alice
  assume    = [role.First, role.Third]
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::bucket/key"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.2: same account, trust names the account: the caller (here First's session) also needs an identity Allow for sts:AssumeRole, which First's policies lack"
}

test "a chained session of one hour" {
  principal = user.alice
  assume    = [role.First, role.Second]
  duration  = "1h"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::bucket/key"
  expect    = "allow"
  doc       = "docs/semantics.md §4.1: role chaining caps the session at one hour; one hour is allowed"
}

test "a chained session cannot last more than one hour" {
  principal = user.alice
  assume    = [role.First, role.Second]
  duration  = "2h"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::bucket/key"
  # AWS rejects the AssumeRole call itself (a validation error, not a policy
  # decision), so either kind of deny is accepted.
  expect = "deny"
  doc    = "docs/semantics.md §4.1: 'Role chaining ... caps the session at 1 hour'; https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-role-chaining: role chaining limits the session to a maximum of one hour; AssumeRole with a longer DurationSeconds fails"
}

test "without chaining the role's maximum session duration applies" {
  principal = user.alice
  assume    = role.First
  duration  = "2h"
  action    = "ec2:RunInstances"
  resource  = "*"
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (DurationSeconds: up to the maximum session duration setting for the role, here 12h); the one-hour cap applies only to chaining (docs/semantics.md §4.1)"
}

test "a chained session expires after one hour" {
  principal = user.alice
  assume    = [role.First, role.Second]
  issued_at = "2026-06-01T08:00:00Z"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::bucket/key"
  time      = "2026-06-01T09:30:00Z"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.1: a chained session lasts at most one hour (default duration); at 09:30 the 08:00 session has expired"
}
