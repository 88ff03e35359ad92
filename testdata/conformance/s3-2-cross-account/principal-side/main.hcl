# §3.2: the principal's account evaluates its side like a same-account
# request without the resource policy: identity allow (from the user or its
# groups) for this very resource, boundary, session policy, no explicit deny.

account "dev" { id = "111111111111" }
account "data" { id = "222222222222" }

user "grouped" {
  account = account.dev
  groups  = [group.analysts]
}

user "self_denied" {
  account  = account.dev
  policies = [policy.s3_all, policy.no_delete]
}

user "wrong_bucket" {
  account  = account.dev
  policies = [policy.other_bucket]
}

group "analysts" {
  account  = account.dev
  policies = [policy.s3_all]
}

role "Etl" {
  account  = account.dev
  policies = [policy.s3_all]
  trust {
    statement "Grouped" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.grouped.arn]
      }
    }
  }
}

role "NoPolicies" {
  account = account.dev
  trust {
    statement "Grouped" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.grouped.arn]
      }
    }
  }
}

policy "s3_all" {
  account = account.dev
  statement "S3All" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

policy "no_delete" {
  account = account.dev
  statement "NoDelete" {
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
  }
}

policy "other_bucket" {
  account = account.dev
  statement "OtherBucket" {
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::some-other-bucket/*"]
  }
}

resource "lake" {
  arn     = "arn:aws:s3:::lake"
  account = account.data
  policy {
    statement "DevAccount" {
      principals {
        type        = "AWS"
        identifiers = [account.dev.id]
      }
      actions   = ["s3:GetObject", "s3:DeleteObject"]
      resources = ["arn:aws:s3:::lake/*"]
    }
    statement "EtlSessions" {
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:sts::111111111111:assumed-role/Etl/nightly", "arn:aws:sts::111111111111:assumed-role/NoPolicies/nightly"]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::lake/*"]
    }
  }
}
