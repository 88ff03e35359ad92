# Resource control policies limit what can be done to the resources of the
# organization's member accounts, by anyone: principals of other accounts,
# anonymous callers, AWS services, the accounts' own users. They apply only
# to the services that support RCPs, never to the management account's
# resources, and they never grant (RCPFullAWSAccess is always attached).
#
# The perimeter below follows the "identity perimeter" RCP of the AWS KMS
# developer guide: deny callers outside the organization unless they are an
# AWS service.

organization "acme" {
  id                 = "o-acme111111"
  management_account = account.hq
  rcps               = [rcp.identity_perimeter]
}

account "hq" {
  id     = "100000000000"
  parent = organization.acme
}

account "app" {
  id     = "111111111111"
  parent = organization.acme
}

account "data" {
  id     = "222222222222"
  parent = organization.acme
}

# Not in the organization.
account "partner" { id = "333333333333" }

rcp "identity_perimeter" {
  statement "EnforceOrgIdentities" {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:AssumeRole"]
    resources = ["*"]
    condition {
      test     = "StringNotEqualsIfExists"
      variable = "aws:PrincipalOrgID"
      values   = ["o-acme111111"]
    }
    condition {
      test     = "BoolIfExists"
      variable = "aws:PrincipalIsAWSService"
      values   = ["false"]
    }
  }
}

user "partner_dev" {
  account  = account.partner
  policies = [policy.partner_all]
}

user "data_dev" {
  account  = account.data
  policies = [policy.data_all]
}

user "app_dev" {
  account  = account.app
  policies = [policy.app_all]
}

policy "partner_all" {
  account = account.partner
  statement "All" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "data_all" {
  account = account.data
  statement "All" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "app_all" {
  account = account.app
  statement "All" {
    actions   = ["*"]
    resources = ["*"]
  }
}

# Resources of the app account, each shared with the partner and the data
# accounts by its own policy.
resource "app_bucket" {
  arn     = "arn:aws:s3:::app-bucket"
  account = account.app
  policy {
    statement "Partners" {
      principals {
        type        = "AWS"
        identifiers = [account.partner.id, account.data.id]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::app-bucket/*"]
    }
    statement "CloudTrail" {
      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::app-bucket/AWSLogs/*"]
    }
    statement "Public" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::app-bucket/public/*"]
    }
  }
}

resource "app_queue" {
  arn = "arn:aws:sqs:eu-west-1:111111111111:orders"
  policy {
    statement "Partner" {
      principals {
        type        = "AWS"
        identifiers = [account.partner.id]
      }
      actions   = ["sqs:SendMessage"]
      resources = ["arn:aws:sqs:eu-west-1:111111111111:orders"]
    }
  }
}

resource "app_secret" {
  arn = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:partner-token-AbCdEf"
  policy {
    statement "Partner" {
      principals {
        type        = "AWS"
        identifiers = [account.partner.id]
      }
      actions   = ["secretsmanager:GetSecretValue"]
      resources = ["*"]
    }
  }
}

resource "app_key" {
  arn = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  policy {
    statement "Owner" {
      principals {
        type        = "AWS"
        identifiers = [account.app.id]
      }
      actions   = ["kms:*"]
      resources = ["*"]
    }
    statement "Partner" {
      principals {
        type        = "AWS"
        identifiers = [account.partner.id]
      }
      actions   = ["kms:Decrypt"]
      resources = ["*"]
    }
  }
}

role "PartnerAccess" {
  account = account.app
  trust {
    statement "Partner" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.partner.id, account.data.id]
      }
    }
  }
}

# A bucket of the management account, shared with the partner.
resource "hq_bucket" {
  arn     = "arn:aws:s3:::hq-bucket"
  account = account.hq
  policy {
    statement "Partner" {
      principals {
        type        = "AWS"
        identifiers = [account.partner.id]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::hq-bucket/*"]
    }
  }
}
