test "a session is valid within its duration" {
  for_each = {
    default_1h_at_30min = { duration = "1h", now = "2026-06-02T08:30:00Z" }
    eight_hours_at_7h59 = { duration = "8h", now = "2026-06-02T15:59:00Z" }
  }
  principal = user.alice
  assume    = role.Worker
  duration  = each.value.duration
  issued_at = "2026-06-02T08:00:00Z"
  action    = "ec2:DescribeInstances"
  resource  = "*"
  time      = each.value.now
  expect    = "allow"
  doc       = "docs/semantics.md §4.1 (sessions expire: issued_at + duration vs aws:CurrentTime); the role allows ec2"
}

test "a session is refused after its duration" {
  for_each = {
    one_hour    = { duration = "1h", now = "2026-06-02T09:00:01Z" }
    eight_hours = { duration = "8h", now = "2026-06-02T16:00:01Z" }
    next_day    = { duration = "8h", now = "2026-06-03T08:00:00Z" }
  }
  principal = user.alice
  assume    = role.Worker
  duration  = each.value.duration
  issued_at = "2026-06-02T08:00:00Z"
  action    = "ec2:DescribeInstances"
  resource  = "*"
  time      = each.value.now
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.1: the session's credentials expire at issued_at + duration; https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html (DurationSeconds)"
}

test "a duration longer than the role's maximum" {
  principal = user.alice
  assume    = role.Worker
  duration  = "9h"
  action    = "ec2:DescribeInstances"
  resource  = "*"
  # AssumeRole fails with a validation error; either kind of deny is accepted.
  expect = "deny"
  doc    = "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html: DurationSeconds can range up to the maximum session duration setting for the role (8h here); a higher value makes the operation fail"
}

test "sessions issued before the revocation time are denied" {
  principal        = user.alice
  assume           = role.Worker
  issued_at        = "2026-06-01T11:00:00Z"
  action           = "ec2:DescribeInstances"
  resource         = "*"
  time             = "2026-06-01T11:30:00Z"
  expect           = "explicit_deny"
  expect_statement = policy.revoke_older.statement.RevokeOlderSessions
  doc              = "docs/semantics.md §4.1 (aws:TokenIssueTime is present in a session) and §5.2 (DateLessThan); https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html"
}

test "sessions issued after the revocation time are not denied" {
  principal = user.alice
  assume    = role.Worker
  issued_at = "2026-06-01T12:30:00Z"
  action    = "ec2:DescribeInstances"
  resource  = "*"
  time      = "2026-06-01T13:00:00Z"
  expect    = "allow"
  doc       = "docs/semantics.md §5.2: DateLessThan is false for a token issued after the policy date"
}

test "long-term keys have no aws:TokenIssueTime, so the Deny does not apply" {
  principal        = user.alice
  action           = "ec2:DescribeInstances"
  resource         = "*"
  time             = "2026-06-01T13:00:00Z"
  expect           = "allow"
  expect_statement = policy.revoke_older.statement.Ec2ForAlice
  doc              = "docs/semantics.md §5.1: with the key absent every ordinary operator is false (aws:TokenIssueTime exists only for temporary credentials, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-tokenissuetime)"
}
