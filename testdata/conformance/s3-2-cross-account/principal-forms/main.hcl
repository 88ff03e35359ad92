# §3.2: the resource policy may name the principal, its account, or "*";
# either way the principal's own account must allow too. Naming the principal
# directly does not bypass its boundary or session policy cross-account.

account "dev" { id = "111111111111" }
account "data" { id = "222222222222" }

user "reader" {
  account  = account.dev
  policies = [policy.read_all]
}

user "no_policy" {
  account = account.dev
}

# Identity allows, boundary does not allow S3.
user "bounded" {
  account              = account.dev
  policies             = [policy.read_all]
  permissions_boundary = policy.ec2_only
}

role "Reader" {
  account  = account.dev
  policies = [policy.read_all]
  trust {
    statement "Reader" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.reader.arn]
      }
    }
  }
}

policy "read_all" {
  account = account.dev
  statement "ReadAll" {
    actions   = ["s3:GetObject", "s3:DeleteObject"]
    resources = ["*"]
  }
}

policy "ec2_only" {
  account = account.dev
  statement "Ec2Only" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}

resource "by_account" {
  arn     = "arn:aws:s3:::by-account"
  account = account.data
  policy {
    statement "DevAccount" {
      principals {
        type        = "AWS"
        identifiers = [account.dev.id]
      }
      actions   = ["s3:GetObject", "s3:DeleteObject"]
      resources = ["arn:aws:s3:::by-account/*"]
    }
    statement "NoDeleteFromDev" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::111111111111:root"]
      }
      actions   = ["s3:DeleteObject"]
      resources = ["arn:aws:s3:::by-account/*"]
    }
  }
}

resource "public" {
  arn     = "arn:aws:s3:::public-data"
  account = account.data
  policy {
    statement "Everyone" {
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::public-data/*"]
    }
  }
}

resource "by_name" {
  arn     = "arn:aws:s3:::by-name"
  account = account.data
  policy {
    statement "Named" {
      principals {
        type        = "AWS"
        identifiers = [user.bounded.arn, role.Reader.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::by-name/*"]
    }
  }
}
