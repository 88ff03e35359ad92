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

# Not in the organization.
account "partner" { id = "333333333333" }

resource "reports" {
  arn     = "arn:aws:s3:::reports"
  account = account.app
  policy {
    statement "Partner" {
      principals {
        type        = "AWS"
        identifiers = [account.partner.id, "arn:aws:iam::444444444444:role/Auditor"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
    }
    statement "OtherOrganization" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:ListBucket"]
      resources = ["arn:aws:s3:::reports"]
      condition {
        test     = "StringEquals"
        variable = "aws:PrincipalOrgID"
        values   = ["o-other22222"]
      }
    }
  }
}

role "PartnerAccess" {
  account = account.app
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.partner.root]
      }
    }
  }
}
