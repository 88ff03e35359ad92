test "signed in with MFA: other policies decide" {
  for_each = {
    s3  = { action = "s3:GetObject", resource = "arn:aws:s3:::reports/q2.csv" }
    ec2 = { action = "ec2:DescribeInstances", resource = "*" }
  }
  principal        = user.ana
  mfa              = true
  action           = each.value.action
  resource         = each.value.resource
  expect           = "allow"
  expect_statement = policy.daily_work.statement.DailyWork
  doc              = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html (the policy of mfa_selfmanage.json); with MFA, aws:MultiFactorAuthPresent is true, BoolIfExists false is false and BlockMostAccessUnlessSignedInWithMFA does not apply (docs/semantics.md §4.3)"
}

test "signed in without MFA: everything else is denied" {
  for_each = {
    s3       = { action = "s3:GetObject", resource = "arn:aws:s3:::reports/q2.csv" }
    ec2      = { action = "ec2:DescribeInstances", resource = "*" }
    password = { action = "iam:ChangePassword", resource = "arn:aws:iam::111111111111:user/ana" }
  }
  principal        = user.ana
  mfa              = false
  action           = each.value.action
  resource         = each.value.resource
  expect           = "explicit_deny"
  expect_statement = policy.mfa_self_manage.statement.BlockMostAccessUnlessSignedInWithMFA
  doc              = "reference_policies_examples_iam_mfa-selfmanage.html: 'If an IAM user with this policy is not MFA-authenticated, this policy denies access to all AWS actions except those necessary to authenticate using MFA'; aws:MultiFactorAuthPresent is false for a console session without MFA (docs/semantics.md §4.3)"
}

test "long-term access keys: everything else is denied" {
  for_each = {
    s3  = { action = "s3:GetObject", resource = "arn:aws:s3:::reports/q2.csv" }
    ec2 = { action = "ec2:DescribeInstances", resource = "*" }
  }
  principal        = user.ana
  action           = each.value.action
  resource         = each.value.resource
  expect           = "explicit_deny"
  expect_statement = policy.mfa_self_manage.statement.BlockMostAccessUnlessSignedInWithMFA
  doc              = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.html: 'The ...IfExists version of the Bool operator ensures that if the aws:MultiFactorAuthPresent key is missing, the condition returns true. This means that a user accessing an API operation with long-term credentials, such as an access key, is denied access'; the key is absent for long-term keys (docs/semantics.md §4.3)"
}

test "without MFA a user can still set up its own MFA device" {
  for_each = {
    list_users     = { action = "iam:ListUsers", resource = "*" }
    list_virtual   = { action = "iam:ListVirtualMFADevices", resource = "*" }
    create_virtual = { action = "iam:CreateVirtualMFADevice", resource = "arn:aws:iam::111111111111:mfa/ana-phone" }
    enable         = { action = "iam:EnableMFADevice", resource = "arn:aws:iam::111111111111:user/ana" }
    list_own       = { action = "iam:ListMFADevices", resource = "arn:aws:iam::111111111111:user/ana" }
    resync         = { action = "iam:ResyncMFADevice", resource = "arn:aws:iam::111111111111:user/ana" }
  }
  principal = user.ana
  mfa       = false
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "reference_policies_examples_iam_mfa-selfmanage.html: the actions listed in the NotAction of BlockMostAccessUnlessSignedInWithMFA are not denied, and the Allow statements grant them on the user's own ARN ($${aws:username}, docs/semantics.md §6)"
}

test "with long-term access keys a user can still set up its own MFA device" {
  principal = user.ana
  action    = "iam:EnableMFADevice"
  resource  = "arn:aws:iam::111111111111:user/ana"
  expect    = "allow"
  doc       = "reference_policies_examples_iam_mfa-selfmanage.html: iam:EnableMFADevice is in the NotAction list, so the Deny does not cover it; AllowUserToManageTheirOwnMFA grants it on the user's own ARN"
}

test "iam:GetMFADevice needs MFA" {
  for_each = {
    with_mfa    = { mfa = true, expect = "allow" }
    without_mfa = { mfa = false, expect = "explicit_deny" }
  }
  principal = user.ana
  mfa       = each.value.mfa
  action    = "iam:GetMFADevice"
  resource  = "arn:aws:iam::111111111111:user/ana"
  expect    = each.value.expect
  doc       = "reference_policies_examples_iam_mfa-selfmanage.html: iam:GetMFADevice is allowed by AllowUserToManageTheirOwnMFA but is not in the NotAction list of BlockMostAccessUnlessSignedInWithMFA"
}

test "a user cannot manage another user's MFA" {
  for_each = {
    with_mfa    = { mfa = true, expect = "implicit_deny" }
    without_mfa = { mfa = false, expect = "implicit_deny" }
  }
  principal = user.ana
  mfa       = each.value.mfa
  action    = "iam:EnableMFADevice"
  resource  = user.ben.arn
  expect    = each.value.expect
  doc       = "reference_policies_examples_iam_mfa-selfmanage.html: the Allow is on arn:aws:iam::*:user/$${aws:username} only; docs/semantics.md §6 (the variable is the caller's own name) and §3.1 step 5"
}

test "deactivating one's MFA needs MFA" {
  for_each = {
    with_mfa    = { mfa = true, expect = "allow" }
    without_mfa = { mfa = false, expect = "explicit_deny" }
  }
  principal = user.ana
  mfa       = each.value.mfa
  action    = "iam:DeactivateMFADevice"
  resource  = user.ana.arn
  expect    = each.value.expect
  doc       = "reference_policies_examples_iam_mfa-selfmanage.html: AllowUserToDeactivateTheirOwnMFAOnlyWhenUsingMFA requires Bool aws:MultiFactorAuthPresent true, and iam:DeactivateMFADevice is not in the NotAction list of the Deny"
}
