# §4.4: the root user has full access in its own account, is bound by explicit
# denies in resource policies, and cross-account needs the other account's
# resource policy.

account "a" { id = "111111111111" }
account "b" { id = "222222222222" }

resource "a_locked" {
  arn     = "arn:aws:s3:::a-locked"
  account = account.a
  policy {
    statement "NoDeletes" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["s3:DeleteObject"]
      resources = ["arn:aws:s3:::a-locked/*"]
    }
    statement "NoPutsFromAccount" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = [account.a.id]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::a-locked/*"]
    }
  }
}

resource "b_shares_with_a" {
  arn     = "arn:aws:s3:::b-shares-with-a"
  account = account.b
  policy {
    statement "AccountA" {
      principals {
        type        = "AWS"
        identifiers = [account.a.id]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b-shares-with-a/*"]
    }
  }
}

resource "b_names_root" {
  arn     = "arn:aws:s3:::b-names-root"
  account = account.b
  policy {
    statement "RootOfA" {
      principals {
        type        = "AWS"
        identifiers = [account.a.root]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b-names-root/*"]
    }
  }
}

resource "b_private" {
  arn     = "arn:aws:s3:::b-private"
  account = account.b
  policy {
    statement "OwnAccount" {
      principals {
        type        = "AWS"
        identifiers = [account.b.id]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b-private/*"]
    }
  }
}

# A bucket of account b with no bucket policy.
resource "b_no_policy" {
  arn     = "arn:aws:s3:::b-no-policy"
  account = account.b
}
