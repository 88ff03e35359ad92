# Principal "*" with a negated condition on the caller's account or
# organization. An anonymous caller has no account and no organization (AWS
# gives aws:PrincipalAccount no 12-digit account ID for it and no
# aws:PrincipalOrgID), so a negated operator is true for it: an Allow lets it
# in, a Deny keeps it out.

account "main" { id = "111111111111" }
account "blocked" { id = "999999999999" }
account "other" { id = "888888888888" }

user "blocked_user" {
  account  = account.blocked
  policies = [policy.blocked_read]
}

user "other_user" {
  account  = account.other
  policies = [policy.other_read]
}

policy "blocked_read" {
  account = account.blocked
  statement "Read" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

policy "other_read" {
  account = account.other
  statement "Read" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

# Public, except for one account.
resource "public_site" {
  arn     = "arn:aws:s3:::public-site"
  account = account.main
  policy {
    statement "EveryoneButBlocked" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::public-site/*"]
      condition {
        test     = "StringNotEquals"
        variable = "aws:PrincipalAccount"
        values   = [account.blocked.id]
      }
    }
  }
}

# Public, except for members of one organization.
resource "press_kit" {
  arn     = "arn:aws:s3:::press-kit"
  account = account.main
  policy {
    statement "EveryoneOutsideRivalOrg" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::press-kit/*"]
      condition {
        test     = "StringNotEquals"
        variable = "aws:PrincipalOrgID"
        values   = ["o-rival00000"]
      }
    }
  }
}

# Public read, and a perimeter Deny for every caller outside the account.
resource "perimeter" {
  arn     = "arn:aws:s3:::perimeter"
  account = account.main
  policy {
    statement "PublicRead" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::perimeter/*"]
    }
    statement "OnlyOurAccount" {
      effect = "Deny"
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::perimeter/private/*"]
      condition {
        test     = "StringNotEquals"
        variable = "aws:PrincipalAccount"
        values   = [account.main.id]
      }
    }
  }
}
