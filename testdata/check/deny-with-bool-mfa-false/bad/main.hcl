user "dev" {
  policies = [policy.mfa]
}

policy "mfa" {
  statement "Work" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
  statement "DenyWithoutMFA" {
    effect    = "Deny"
    actions   = ["ec2:TerminateInstances"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}
