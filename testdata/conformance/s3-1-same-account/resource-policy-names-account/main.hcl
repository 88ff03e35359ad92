# §3.1 step 4: a resource policy that names the ACCOUNT delegates to IAM: the
# principal still needs an identity allow. A Deny naming the account applies
# to every principal of the account.

account "main" { id = "111111111111" }

user "no_policy" {}
user "reader" { policies = [policy.read_all] }

policy "read_all" {
  statement "ReadAll" {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["*"]
  }
}

resource "by_id" {
  arn = "arn:aws:s3:::by-id"
  policy {
    statement "AccountById" {
      principals {
        type        = "AWS"
        identifiers = ["111111111111"]
      }
      actions   = ["s3:GetObject", "s3:PutObject"]
      resources = ["arn:aws:s3:::by-id/*"]
    }
    statement "NoDeleteForAccount" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["111111111111"]
      }
      actions   = ["s3:DeleteObject"]
      resources = ["arn:aws:s3:::by-id/*"]
    }
  }
}

resource "by_root_arn" {
  arn = "arn:aws:s3:::by-root-arn"
  policy {
    statement "AccountByRootArn" {
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::111111111111:root"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::by-root-arn/*"]
    }
  }
}
