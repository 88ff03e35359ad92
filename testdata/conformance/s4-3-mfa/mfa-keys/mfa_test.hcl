test "Deny + Bool false does not catch long-term keys" {
  principal        = user.bool_denied
  action           = "ec2:TerminateInstances"
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.ec2.statement.Ec2
  doc              = "docs/semantics.md §4.3 and §8 rule 7: aws:MultiFactorAuthPresent is absent for long-term keys, so Deny + Bool false does NOT deny them; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent: 'This statement does not deny access to requests that are made using long-term credentials'"
}

test "Deny + Bool false catches temporary credentials without MFA" {
  principal        = user.bool_denied
  action           = "ec2:TerminateInstances"
  resource         = "*"
  mfa              = false
  expect           = "explicit_deny"
  expect_statement = policy.deny_bool_false.statement.DenyWithoutMfa
  doc              = "reference_policies_condition-keys.html#condition-keys-multifactorauthpresent: the key is false for console sessions without MFA; Deny + Bool false 'denies requests that can be authenticated using MFA, but were not'"
}

test "Deny + Bool false leaves requests made with MFA" {
  principal = user.bool_denied
  action    = "ec2:TerminateInstances"
  resource  = "*"
  mfa       = true
  expect    = "allow"
  doc       = "docs/semantics.md §5.2 (Bool): true does not equal false, so the Deny does not apply"
}

test "Deny + BoolIfExists false catches long-term keys" {
  principal        = user.ifexists_denied
  action           = "ec2:TerminateInstances"
  resource         = "*"
  expect           = "explicit_deny"
  expect_statement = policy.deny_boolifexists_false.statement.DenyWithoutMfa
  doc              = "docs/semantics.md §4.3: use BoolIfExists false in a Deny; §5.2: …IfExists is true when the key is absent; reference_policies_condition-keys.html: 'It also denies requests that are made using long-term credentials'"
}

test "Deny + BoolIfExists false" {
  for_each = {
    with_mfa    = { mfa = true, expect = "allow" }
    without_mfa = { mfa = false, expect = "explicit_deny" }
  }
  principal = user.ifexists_denied
  action    = "ec2:TerminateInstances"
  resource  = "*"
  mfa       = each.value.mfa
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: with the key present, BoolIfExists evaluates like Bool"
}

test "the Deny applies only to its actions" {
  principal = user.ifexists_denied
  action    = "ec2:DescribeInstances"
  resource  = "*"
  expect    = "allow"
  doc       = "docs/semantics.md §2: the Deny statement lists only ec2:TerminateInstances"
}

test "Allow + Bool true with long-term keys" {
  principal = user.allow_with_mfa
  action    = "ec2:TerminateInstances"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.3: use Bool true in an Allow; §5.1: with the key absent, Bool is false"
}

test "Allow + Bool true" {
  for_each = {
    console_no_mfa = { mfa = false, expect = "implicit_deny" }
    with_mfa       = { mfa = true, expect = "allow" }
  }
  principal = user.allow_with_mfa
  action    = "ec2:TerminateInstances"
  resource  = "*"
  mfa       = each.value.mfa
  expect    = each.value.expect
  doc       = "docs/semantics.md §4.3: use Bool true in an Allow; the key is false for temporary credentials without MFA"
}

test "aws:MultiFactorAuthAge" {
  for_each = {
    recent   = { issued_at = "2026-06-01T11:55:00Z", expect = "allow" }
    old      = { issued_at = "2026-06-01T10:00:00Z", expect = "implicit_deny" }
    boundary = { issued_at = "2026-06-01T11:00:00Z", expect = "implicit_deny" }
  }
  principal = user.allow_with_mfa
  action    = "iam:DeleteUser"
  resource  = "*"
  mfa       = true
  issued_at = each.value.issued_at
  time      = "2026-06-01T12:00:00Z"
  expect    = each.value.expect
  doc       = "docs/semantics.md §4.3: aws:MultiFactorAuthAge is the seconds since the MFA authentication (300, 7200, 3600 here); NumericLessThan {age: 3600} is false at 3600"
}

test "no aws:MultiFactorAuthAge with long-term keys" {
  principal = user.allow_with_mfa
  action    = "iam:DeleteUser"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.3: aws:MultiFactorAuthAge is present only if MFA was used; NumericLessThan {age: 3600} is therefore false without MFA"
}

test "no aws:MultiFactorAuthAge for temporary credentials without MFA" {
  principal = user.allow_with_mfa
  action    = "iam:DeleteUser"
  resource  = "*"
  mfa       = false
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.3: aws:MultiFactorAuthAge is present only if MFA was used"
}

test "a role session created with MFA" {
  for_each = {
    terminate = { action = "ec2:TerminateInstances", expect = "allow" }
    describe  = { action = "ec2:DescribeInstances", expect = "allow" }
  }
  principal = user.ifexists_denied
  assume    = role.Ops
  mfa       = true
  action    = each.value.action
  resource  = "*"
  expect    = each.value.expect
  doc       = "docs/semantics.md §4.3: 'The resulting session carries the MFA context': aws:MultiFactorAuthPresent is true, so Deny BoolIfExists false does not apply"
}

test "a role session created without MFA" {
  principal = user.ifexists_denied
  assume    = role.Ops
  action    = "ec2:TerminateInstances"
  resource  = "*"
  expect    = "explicit_deny"
  doc       = "docs/semantics.md §4.3 and reference_policies_condition-keys.html: Deny + BoolIfExists false 'denies requests from temporary credentials that do not include MFA' (the key is false or absent; either way the Deny applies)"
}

test "MFA age in a session counts from the MFA authentication" {
  for_each = {
    after_30_min = { now = "2026-06-01T08:30:00Z", expect = "allow" }
    after_90_min = { now = "2026-06-01T09:30:00Z", expect = "implicit_deny" }
  }
  principal = user.ifexists_denied
  assume    = role.Ops
  mfa       = true
  duration  = "3h"
  issued_at = "2026-06-01T08:00:00Z"
  action    = "iam:DeleteUser"
  resource  = "*"
  time      = each.value.now
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthage: 'the number of seconds since the requesting principal was authorized using MFA'; MFA was presented at 08:00 when the session was created"
}

test "no MFA age in a session created without MFA" {
  principal = user.ifexists_denied
  assume    = role.Ops
  action    = "iam:DeleteUser"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §4.3: aws:MultiFactorAuthAge is present only if MFA was used"
}
