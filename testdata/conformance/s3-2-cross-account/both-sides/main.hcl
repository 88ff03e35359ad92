# §3.2: a cross-account request must be allowed in both accounts: by the
# principal's identity policy (∩ boundary, session policy) and by the
# resource's policy, which must name the principal, its account, or "*".

account "dev" { id = "111111111111" }
account "data" { id = "222222222222" }

# Identity allow for the bucket's objects.
user "analyst" {
  account  = account.dev
  policies = [policy.read_data]
}

# No identity policy.
user "intern" {
  account = account.dev
}

# Identity allow for everything.
user "admin" {
  account  = account.dev
  policies = [policy.admin]
}

policy "read_data" {
  account = account.dev
  statement "ReadData" {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::shared-data/*"]
  }
}

policy "admin" {
  account = account.dev
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

# The bucket lives in the data account and names the analyst and the intern.
resource "shared_data" {
  arn     = "arn:aws:s3:::shared-data"
  account = account.data
  policy {
    statement "NamedUsers" {
      principals {
        type        = "AWS"
        identifiers = [user.analyst.arn, user.intern.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::shared-data/*"]
    }
  }
}

# A bucket in the data account with no bucket policy statement for dev.
resource "private_data" {
  arn     = "arn:aws:s3:::private-data"
  account = account.data
  policy {
    statement "OwnAccountOnly" {
      principals {
        type        = "AWS"
        identifiers = [account.data.id]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::private-data/*"]
    }
  }
}
