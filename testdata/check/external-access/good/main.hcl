organization "acme" {
  id                 = "o-acme111111"
  management_account = account.hq
}

account "hq" {
  id     = "100000000000"
  parent = organization.acme
}

account "app" {
  id     = "111111111111"
  parent = organization.acme
}

# Shared with the organization's accounts only: by account, and by
# "*" narrowed to the organization.
resource "reports" {
  arn     = "arn:aws:s3:::reports"
  account = account.app
  policy {
    statement "Headquarters" {
      principals {
        type        = "AWS"
        identifiers = [account.hq.id]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
    }
    statement "Organization" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:ListBucket"]
      resources = ["arn:aws:s3:::reports"]
      condition {
        test     = "StringEquals"
        variable = "aws:PrincipalOrgID"
        values   = ["o-acme111111"]
      }
    }
    statement "CloudTrail" {
      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::reports/AWSLogs/*"]
    }
  }
}

role "OpsFromHeadquarters" {
  account = account.app
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.hq.root]
      }
    }
  }
}
