# aws:TokenIssueTime is set by AWS from temporary credentials only. The IAM
# User Guide revokes older sessions with a Deny on DateLessThan
# aws:TokenIssueTime: it stops temporary credentials issued before the given
# time, and never touches long-term access keys.

account "main" { id = "111111111111" }

user "dev" {
  policies = [policy.work, policy.revoke_before_noon]
}

user "ops" {
  policies = [policy.assume_deployer]
}

role "Deployer" {
  policies             = [policy.work]
  max_session_duration = "4h"

  # What the console's "Revoke active sessions" attaches.
  policy "AWSRevokeOlderSessions" {
    statement "RevokeOlderSessions" {
      effect    = "Deny"
      actions   = ["*"]
      resources = ["*"]
      condition {
        test     = "DateLessThan"
        variable = "aws:TokenIssueTime"
        values   = ["2026-06-01T12:00:00Z"]
      }
    }
  }

  trust {
    statement "Ops" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.ops.arn]
      }
    }
  }
}

policy "work" {
  statement "Work" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

policy "assume_deployer" {
  statement "AssumeDeployer" {
    actions   = ["sts:AssumeRole"]
    resources = [role.Deployer.arn]
  }
}

policy "revoke_before_noon" {
  statement "RevokeOlderCredentials" {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "DateLessThan"
      variable = "aws:TokenIssueTime"
      values   = ["2026-06-01T12:00:00Z"]
    }
  }
}
