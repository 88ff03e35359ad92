# STS operations that no policy controls: sts:GetCallerIdentity needs no
# permission ("the same information is returned when access is denied"), and
# sts:GetSessionToken is an authentication operation that policies cannot
# control. Which credentials may call STS at all is fixed by STS itself.

account "main" { id = "111111111111" }

# No policy at all.
user "nobody" {}

# Denied everything by its own identity policy.
user "locked" {
  policies = [policy.deny_everything]
}

# Allowed everything, bounded to S3.
user "bounded" {
  policies             = [policy.admin]
  permissions_boundary = policy.s3_only
}

# The Deny of the IAM User Guide example "IAM: Allows IAM users to
# self-manage an MFA device", which blocks long-term access keys: its
# NotAction does not list sts:GetSessionToken.
user "mfa_required" {
  policies = [policy.admin, policy.mfa_self_manage]
}

user "federator" {
  policies = [policy.admin]
}

role "Worker" {
  policies = [policy.admin]
  trust {
    statement "Users" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.main.id]
      }
    }
  }
}

role "Empty" {
  trust {
    statement "Users" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.nobody.arn]
      }
    }
  }
}

policy "admin" {
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "deny_everything" {
  statement "DenyEverything" {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "s3_only" {
  statement "S3Only" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

policy "mfa_self_manage" {
  statement "BlockMostAccessUnlessSignedInWithMFA" {
    effect = "Deny"
    not_actions = [
      "iam:CreateVirtualMFADevice",
      "iam:EnableMFADevice",
      "iam:ListMFADevices",
      "iam:ListUsers",
      "iam:ListVirtualMFADevices",
      "iam:ResyncMFADevice",
    ]
    resources = ["*"]
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}
