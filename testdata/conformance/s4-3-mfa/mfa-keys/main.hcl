# §4.3: aws:MultiFactorAuthPresent is absent for long-term keys. Deny + Bool
# false does not catch them; Deny + BoolIfExists false does.
# aws:MultiFactorAuthAge is present only when MFA was used.

account "main" { id = "111111111111" }

user "bool_denied" {
  policies = [policy.ec2, policy.deny_bool_false]
}

user "ifexists_denied" {
  policies = [policy.ec2, policy.deny_boolifexists_false]
}

user "allow_with_mfa" {
  policies = [policy.allow_bool_true, policy.allow_recent_mfa]
}

role "Ops" {
  policies             = [policy.ec2, policy.deny_boolifexists_false, policy.allow_recent_mfa]
  max_session_duration = "4h"
  trust {
    statement "Users" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.ifexists_denied.arn]
      }
    }
  }
}

policy "ec2" {
  statement "Ec2" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}

policy "deny_bool_false" {
  statement "DenyWithoutMfa" {
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

policy "deny_boolifexists_false" {
  statement "DenyWithoutMfa" {
    effect    = "Deny"
    actions   = ["ec2:TerminateInstances"]
    resources = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

policy "allow_bool_true" {
  statement "AllowWithMfa" {
    actions   = ["ec2:TerminateInstances"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

policy "allow_recent_mfa" {
  statement "RecentMfa" {
    actions   = ["iam:DeleteUser"]
    resources = ["*"]
    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
}
