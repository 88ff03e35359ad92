# The IAM User Guide example "IAM: Allows IAM users to self-manage an MFA
# device" (mfa_selfmanage.json, verbatim): without MFA a user can only set up
# MFA; everything else, including what other policies allow, is denied by
# BlockMostAccessUnlessSignedInWithMFA (BoolIfExists, so long-term access keys
# are denied too).

account "main" { id = "111111111111" }

group "staff" {
  policies = [policy.mfa_self_manage, policy.daily_work]
}

user "ana" {
  groups = [group.staff]
}

user "ben" {
  groups = [group.staff]
}

policy "mfa_self_manage" {
  document = file("mfa_selfmanage.json")
}

policy "daily_work" {
  statement "DailyWork" {
    actions   = ["s3:GetObject", "ec2:DescribeInstances", "iam:ChangePassword"]
    resources = ["*"]
  }
}
