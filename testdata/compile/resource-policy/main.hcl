# A bucket policy naming a user, an account and everyone (scoped by an
# account condition); a role with a trust policy and a service principal.
account "a" { id = "111122223333" }

user "alice" {}

resource "reports" {
  arn  = "arn:aws:s3:::reports"
  tags = { Classification = "internal" }
  policy {
    statement "Alice" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
      principals {
        type        = "AWS"
        identifiers = [user.alice.arn, "444455556666"]
      }
    }
    statement "OrgOnly" {
      actions   = ["s3:ListBucket"]
      resources = ["arn:aws:s3:::reports"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:PrincipalAccount"
        values   = ["111122223333"]
      }
    }
    statement "NotAlice" {
      effect    = "Deny"
      actions   = ["s3:DeleteObject"]
      resources = ["arn:aws:s3:::reports/*"]
      not_principals {
        type        = "AWS"
        identifiers = [user.alice.arn, "arn:aws:iam::111122223333:root"]
      }
    }
  }
}

role "worker" {
  max_session_duration = "2h"
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["ec2.amazonaws.com"]
      }
    }
  }
}
