# Alice signs in with MFA. AWS's example policy (force_mfa.json, from
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html)
# "denies access to all AWS actions except those necessary to authenticate
# using MFA" when she has not: signed in without MFA, or calling with her
# long-term access keys, for which aws:MultiFactorAuthPresent is absent.

test "signed in with MFA, alice works" {
  for_each = {
    describe = { action = "ec2:DescribeInstances", resource = "*" }
    run      = { action = "ec2:RunInstances", resource = "arn:aws:ec2:eu-west-1:333300003333:instance/*" }
    lambda   = { action = "lambda:CreateFunction", resource = "arn:aws:lambda:eu-west-1:333300003333:function:etl" }
  }
  principal = user.alice_dev
  mfa       = true
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "reference_policies_examples_iam_mfa-selfmanage.html: BlockMostAccessUnlessSignedInWithMFA applies only when aws:MultiFactorAuthPresent is false or absent (BoolIfExists); PowerUserAccess allows every action but iam:*, organizations:* and account:* (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html); the request goes to eu-west-1, which the region-lock SCP approves"
}

test "signed in without MFA, alice can do nothing but set MFA up" {
  principal        = user.alice_dev
  mfa              = false
  action           = "ec2:DescribeInstances"
  resource         = "*"
  expect           = "explicit_deny"
  expect_statement = policy.force_mfa_dev.statement.BlockMostAccessUnlessSignedInWithMFA
  doc              = "reference_policies_examples_iam_mfa-selfmanage.html: 'If an IAM user with this policy is not MFA-authenticated, this policy denies access to all AWS actions except those necessary to authenticate using MFA'; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent: the key is false for temporary credentials without MFA and absent for long-term access keys, and BoolIfExists is true for both"
}

test "with long-term access keys, alice can do nothing but set MFA up" {
  principal        = user.alice_dev
  action           = "ec2:DescribeInstances"
  resource         = "*"
  expect           = "explicit_deny"
  expect_statement = policy.force_mfa_dev.statement.BlockMostAccessUnlessSignedInWithMFA
  doc              = "reference_policies_examples_iam_mfa-selfmanage.html: the Deny uses BoolIfExists so that it also applies to requests signed with long-term access keys, for which aws:MultiFactorAuthPresent is absent (reference_policies_condition-keys.html#condition-keys-multifactorauthpresent)"
}

test "without MFA, alice sets up her own MFA device" {
  for_each = {
    list_devices = { action = "iam:ListVirtualMFADevices", resource = "*" }
    create       = { action = "iam:CreateVirtualMFADevice", resource = "arn:aws:iam::333300003333:mfa/alice-phone" }
    enable       = { action = "iam:EnableMFADevice", resource = "arn:aws:iam::333300003333:user/alice" }
    resync       = { action = "iam:ResyncMFADevice", resource = "arn:aws:iam::333300003333:user/alice" }
  }
  principal = user.alice_dev
  mfa       = false
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "reference_policies_examples_iam_mfa-selfmanage.html: BlockMostAccessUnlessSignedInWithMFA's NotAction leaves out iam:CreateVirtualMFADevice, iam:EnableMFADevice, iam:ListMFADevices, iam:ListUsers, iam:ListVirtualMFADevices and iam:ResyncMFADevice, which AllowListActions, AllowUserToCreateVirtualMFADevice and AllowUserToManageTheirOwnMFA allow (on her own user: $${aws:username} is alice, her IAM name)"
}

test "only alice's own MFA, and deactivating it only with MFA" {
  for_each = {
    deactivate_with_mfa    = { mfa = true, action = "iam:DeactivateMFADevice", resource = "arn:aws:iam::333300003333:user/alice", expect = "allow" }
    deactivate_without_mfa = { mfa = false, action = "iam:DeactivateMFADevice", resource = "arn:aws:iam::333300003333:user/alice", expect = "explicit_deny" }
    someone_elses          = { mfa = true, action = "iam:EnableMFADevice", resource = "arn:aws:iam::333300003333:user/bob", expect = "implicit_deny" }
    label_is_not_the_name  = { mfa = true, action = "iam:EnableMFADevice", resource = "arn:aws:iam::333300003333:user/alice_dev", expect = "implicit_deny" }
  }
  principal = user.alice_dev
  mfa       = each.value.mfa
  action    = each.value.action
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "reference_policies_examples_iam_mfa-selfmanage.html: AllowUserToDeactivateTheirOwnMFAOnlyWhenUsingMFA requires Bool aws:MultiFactorAuthPresent true, and without MFA BlockMostAccessUnlessSignedInWithMFA denies iam:DeactivateMFADevice (not in its NotAction); the user statements name arn:aws:iam::*:user/$${aws:username}, and aws:username is the IAM user name (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-username), alice, not the block's label"
}

test "an MFA session ages" {
  principal = user.alice_dev
  mfa       = true
  issued_at = "2026-06-01T08:00:00Z"
  time      = "2026-06-01T17:30:00Z"
  action    = "ec2:DescribeInstances"
  resource  = "*"
  expect    = "allow"
  doc       = "reference_policies_examples_iam_mfa-selfmanage.html: the policy checks only that MFA was used (aws:MultiFactorAuthPresent), not how long ago; console and GetSessionToken credentials of an IAM user last up to 12 hours (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html)"
}

test "alice in prod reads, and only with MFA" {
  for_each = {
    read_with_mfa    = { mfa = true, action = "s3:GetObject", expect = "allow" }
    write_with_mfa   = { mfa = true, action = "s3:PutObject", expect = "implicit_deny" }
    read_without_mfa = { mfa = false, action = "s3:GetObject", expect = "explicit_deny" }
  }
  principal = user.alice_prod
  mfa       = each.value.mfa
  action    = each.value.action
  resource  = "arn:aws:s3:::northwind-reports/2026/q1.csv"
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html: s3:Get* on *, no write; force_mfa.json (reference_policies_examples_iam_mfa-selfmanage.html) denies everything else without MFA; the bucket is in alice_prod's own account (docs/semantics.md §3.1: an identity allow suffices)"
}

test "in prod too, alice sets up her own MFA without it" {
  for_each = {
    list_devices = { mfa = false, action = "iam:ListVirtualMFADevices", resource = "*" }
    create       = { mfa = false, action = "iam:CreateVirtualMFADevice", resource = "arn:aws:iam::222200002222:mfa/alice-phone" }
    enable       = { mfa = false, action = "iam:EnableMFADevice", resource = "arn:aws:iam::222200002222:user/alice" }
    deactivate   = { mfa = true, action = "iam:DeactivateMFADevice", resource = "arn:aws:iam::222200002222:user/alice" }
  }
  principal = user.alice_prod
  mfa       = each.value.mfa
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "reference_policies_examples_iam_mfa-selfmanage.html, the same policy in prod (policy.force_mfa_prod, also named ForceMFA): AllowListActions, AllowUserToCreateVirtualMFADevice and AllowUserToManageTheirOwnMFA are outside BlockMostAccessUnlessSignedInWithMFA's reach, and deactivating needs MFA; of these, ReadOnlyAccess grants only what its iam:List* covers (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html)"
}
