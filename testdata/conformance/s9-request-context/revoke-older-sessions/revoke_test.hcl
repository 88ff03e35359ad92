test "a user's temporary credentials issued before the cut-off" {
  for_each = {
    without_mfa = false
    with_mfa    = true
  }
  principal        = user.dev
  mfa              = each.value
  issued_at        = "2026-06-01T10:00:00Z"
  time             = "2026-06-01T13:00:00Z"
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::reports/q2.csv"
  expect           = "explicit_deny"
  expect_statement = policy.revoke_before_noon.statement.RevokeOlderCredentials
  doc              = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_disable-perms.html#denying-access-to-credentials-by-issue-time: 'The policy denies all permissions but only when the value of aws:TokenIssueTime is earlier than the specified date and time'; the key 'corresponds to the exact time at which the temporary security credentials were created'"
}

test "a user's temporary credentials issued after the cut-off" {
  for_each = {
    without_mfa = false
    with_mfa    = true
  }
  principal = user.dev
  mfa       = each.value
  issued_at = "2026-06-01T12:30:00Z"
  time      = "2026-06-01T13:00:00Z"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::reports/q2.csv"
  expect    = "allow"
  doc       = "id_credentials_temp_control-access_disable-perms.html#denying-access-to-credentials-by-issue-time: credentials created after the time make the condition false, so the Deny has no effect"
}

test "a user's temporary credentials issued exactly at the cut-off" {
  principal = user.dev
  mfa       = false
  issued_at = "2026-06-01T12:00:00Z"
  time      = "2026-06-01T13:00:00Z"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::reports/q2.csv"
  expect    = "allow"
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date: DateLessThan is strict"
}

test "a user's long-term access keys are not revoked" {
  principal = user.dev
  time      = "2026-06-01T13:00:00Z"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::reports/q2.csv"
  expect    = "allow"
  doc       = "id_credentials_temp_control-access_disable-perms.html#denying-access-to-credentials-by-issue-time: 'The aws:TokenIssueTime value is only present in the context of AWS requests that are signed with temporary security credentials, so the Deny statement in the policy will not affect requests that are signed with the long-term credentials of the IAM user'"
}

test "a role session issued before the revocation" {
  principal        = user.ops
  assume           = role.Deployer
  issued_at        = "2026-06-01T10:00:00Z"
  time             = "2026-06-01T12:30:00Z"
  duration         = "4h"
  action           = "s3:PutObject"
  resource         = "arn:aws:s3:::releases/app.zip"
  expect           = "explicit_deny"
  expect_statement = role.Deployer.policy.AWSRevokeOlderSessions.statement.RevokeOlderSessions
  doc              = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html: AWS attaches an inline policy that denies all actions, with a condition that 'applies the restrictions only if the user assumed the role before the point in time when you revoke the permissions'"
}

test "a role session issued after the revocation" {
  principal = user.ops
  assume    = role.Deployer
  issued_at = "2026-06-01T12:15:00Z"
  time      = "2026-06-01T12:30:00Z"
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::releases/app.zip"
  expect    = "allow"
  doc       = "id_roles_use_revoke-sessions.html: 'If the user assumes the role after you revoked the permissions, then the deny policy does not apply to that user'"
}
