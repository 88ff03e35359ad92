# §4.1: role chaining (assuming a role from a role session) keeps only the
# second role's permissions and caps the new session at one hour.

account "main" { id = "111111111111" }

user "alice" {}

role "First" {
  policies             = [policy.ec2]
  max_session_duration = "12h"
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

# Trusts the First role by ARN: its sessions need no identity permission.
role "Second" {
  policies             = [policy.s3_read]
  max_session_duration = "12h"
  trust {
    statement "FromFirst" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [role.First.arn]
      }
    }
  }
}

# Trusts the account: a caller needs an identity allow, which First lacks.
role "Third" {
  policies             = [policy.s3_read]
  max_session_duration = "12h"
  trust {
    statement "Account" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.main.id]
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

policy "s3_read" {
  statement "S3Read" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
