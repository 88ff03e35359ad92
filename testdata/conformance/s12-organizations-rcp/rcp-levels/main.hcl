# RCPs attached at the root, at a unit and at an account. A Deny at any level
# on the path from the root to the resource's account applies; an RCP of
# another branch does not. RCPFullAWSAccess stays attached everywhere, so a
# level that lists only Deny RCPs still lets everything else through. RCPs
# bind every principal, the account's own users and its root user included,
# but only for the services that support RCPs.

organization "acme" {
  id                 = "o-acme111111"
  management_account = account.hq
}

unit "prod" {
  parent = organization.acme
  rcps   = [rcp.keep_buckets]
}

unit "sandbox" {
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

account "lab" {
  id     = "222222222222"
  parent = unit.sandbox
  rcps   = [rcp.quarantine]
}

account "play" {
  id     = "333333333333"
  parent = unit.sandbox
}

rcp "keep_buckets" {
  statement "NoBucketDeletion" {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:DeleteBucket"]
    resources = ["*"]
  }
}

# Everything is denied on the lab account's resources, for everyone.
rcp "quarantine" {
  statement "DenyAll" {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["*"]
    resources = ["*"]
  }
}

user "app_admin" {
  account  = account.app
  policies = [policy.app_admin]
}

user "lab_admin" {
  account  = account.lab
  policies = [policy.lab_admin]
}

user "play_admin" {
  account  = account.play
  policies = [policy.play_admin]
}

user "hq_admin" {
  account  = account.hq
  policies = [policy.hq_admin]
}

policy "app_admin" {
  account = account.app
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "lab_admin" {
  account = account.lab
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "play_admin" {
  account = account.play
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "hq_admin" {
  account = account.hq
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "app_bucket" {
  arn     = "arn:aws:s3:::app-bucket"
  account = account.app
}

resource "lab_bucket" {
  arn     = "arn:aws:s3:::lab-bucket"
  account = account.lab
}

resource "play_bucket" {
  arn     = "arn:aws:s3:::play-bucket"
  account = account.play
}

resource "hq_bucket" {
  arn     = "arn:aws:s3:::hq-bucket"
  account = account.hq
}
