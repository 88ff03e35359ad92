# aws:ResourceOrgID, aws:ResourceOrgPaths and aws:ResourceAccount are set by
# AWS from the account that owns the resource. A data-perimeter Deny
# "StringNotEquals aws:ResourceOrgID" (in an SCP or an identity policy) lets
# the organization's own resources through and stops the others.

organization "acme" {
  id                 = "o-acme111111"
  management_account = account.hq
  policies           = [scp.full_access, scp.own_resources_only]
}

unit "prod" {
  parent = organization.acme
}

account "hq" {
  id     = "100000000000"
  parent = organization.acme
}

account "app" {
  id     = "111111111111"
  parent = unit.prod
}

account "data" {
  id     = "222222222222"
  parent = unit.prod
}

# Not in the organization.
account "partner" { id = "333333333333" }

scp "full_access" {
  statement "FullAccess" {
    actions   = ["*"]
    resources = ["*"]
  }
}

# Only s3:GetObject and sqs:SendMessage, so that the identity policy of
# user.perimeter is tested alone for the other actions.
scp "own_resources_only" {
  statement "DenyOutsideResources" {
    effect    = "Deny"
    actions   = ["s3:GetObject", "sqs:SendMessage"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:ResourceOrgID"
      values   = ["o-acme111111"]
    }
  }
}

user "worker" {
  account  = account.app
  policies = [policy.work]
}

# In the partner account: no SCP applies to it.
user "outsider" {
  account  = account.partner
  policies = [policy.partner_work]
}

# An identity-policy perimeter, without any SCP Deny for its actions.
user "perimeter" {
  account  = account.app
  policies = [policy.work, policy.org_resources_only]
}

policy "work" {
  account = account.app
  statement "Work" {
    actions   = ["s3:*", "sqs:*"]
    resources = ["*"]
  }
}

policy "partner_work" {
  account = account.partner
  statement "Work" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

policy "org_resources_only" {
  account = account.app
  statement "DenyOutsideResources" {
    effect    = "Deny"
    actions   = ["s3:PutObject", "s3:ListBucket"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:ResourceOrgID"
      values   = ["o-acme111111"]
    }
  }
  statement "DenyOutsidePaths" {
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
    condition {
      test     = "ForAllValues:StringNotLike"
      variable = "aws:ResourceOrgPaths"
      values   = ["o-acme111111/*"]
    }
  }
  statement "DenyOtherAccounts" {
    effect    = "Deny"
    actions   = ["s3:GetObjectTagging"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:ResourceAccount"
      values   = ["111111111111"]
    }
  }
}

# Buckets in each kind of account. Each bucket policy grants the worker and
# the perimeter user, so that the cross-account cases are decided by the
# perimeter alone.
resource "app_bucket" {
  arn     = "arn:aws:s3:::app-bucket"
  account = account.app
}

resource "data_bucket" {
  arn     = "arn:aws:s3:::data-bucket"
  account = account.data
  policy {
    statement "AppAccount" {
      principals {
        type        = "AWS"
        identifiers = [account.app.id]
      }
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::data-bucket", "arn:aws:s3:::data-bucket/*"]
    }
  }
}

resource "hq_bucket" {
  arn     = "arn:aws:s3:::hq-bucket"
  account = account.hq
  policy {
    statement "AppAccount" {
      principals {
        type        = "AWS"
        identifiers = [account.app.id]
      }
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::hq-bucket", "arn:aws:s3:::hq-bucket/*"]
    }
  }
}

resource "partner_bucket" {
  arn     = "arn:aws:s3:::partner-bucket"
  account = account.partner
  policy {
    statement "AppAccount" {
      principals {
        type        = "AWS"
        identifiers = [account.app.id]
      }
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::partner-bucket", "arn:aws:s3:::partner-bucket/*"]
    }
  }
}

resource "partner_queue" {
  arn = "arn:aws:sqs:eu-west-1:333333333333:inbox"
  policy {
    statement "AppAccount" {
      principals {
        type        = "AWS"
        identifiers = [account.app.id]
      }
      actions   = ["sqs:SendMessage"]
      resources = ["arn:aws:sqs:eu-west-1:333333333333:inbox"]
    }
  }
}
