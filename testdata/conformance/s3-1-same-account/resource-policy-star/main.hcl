# §2.3: Principal "*" covers everyone; in the same account it allows a user
# with no identity policy. A Deny for "*" applies to everyone.

account "main" { id = "111111111111" }

user "nobody_special" {}
user "admin" { policies = [policy.admin] }

policy "admin" {
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "website" {
  arn = "arn:aws:s3:::website"
  policy {
    statement "PublicRead" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::website/*"]
    }
    statement "NobodyDeletes" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["s3:DeleteObject", "s3:DeleteBucket"]
      resources = ["arn:aws:s3:::website", "arn:aws:s3:::website/*"]
    }
  }
}
