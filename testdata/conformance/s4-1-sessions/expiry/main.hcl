# §4.1: a session lasts from issued_at for its duration; aws:TokenIssueTime is
# present in session requests (and absent for long-term keys).

account "main" { id = "111111111111" }

user "alice" {
  policies = [policy.revoke_older]
}

role "Worker" {
  policies             = [policy.ec2, policy.revoke_older]
  max_session_duration = "8h"
  trust {
    statement "Alice" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.alice.arn]
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

# The shape of the IAM console's "Revoke active sessions" policy.
policy "revoke_older" {
  statement "Ec2ForAlice" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
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
