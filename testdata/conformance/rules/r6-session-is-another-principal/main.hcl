# Rule 6: a role session is a different principal: the role's policies only,
# and aws:PrincipalArn is the role ARN (not the session ARN, not the caller).

account "main" { id = "111111111111" }

user "alice" { policies = [policy.s3_admin] }

role "Reader" {
  path     = "/apps/"
  policies = [policy.s3_read]
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

policy "s3_admin" {
  statement "S3Admin" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

policy "s3_read" {
  statement "S3Read" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

# Only the Reader role may touch this bucket.
resource "locked" {
  arn = "arn:aws:s3:::locked"
  policy {
    statement "OnlyReaderRole" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::locked", "arn:aws:s3:::locked/*"]
      condition {
        test     = "ArnNotEquals"
        variable = "aws:PrincipalArn"
        values   = ["arn:aws:iam::111111111111:role/apps/Reader"]
      }
    }
  }
}

# A mistaken guard that expects the session ARN in aws:PrincipalArn.
resource "mistaken" {
  arn = "arn:aws:s3:::mistaken"
  policy {
    statement "OnlyReaderSessions" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::mistaken/*"]
      condition {
        test     = "ArnNotLike"
        variable = "aws:PrincipalArn"
        values   = ["arn:aws:sts::111111111111:assumed-role/Reader/*"]
      }
    }
  }
}
