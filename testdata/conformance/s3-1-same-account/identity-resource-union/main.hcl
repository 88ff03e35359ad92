# §3.1: within one account the identity-based and resource-based grants are
# unioned; either one is enough.

account "main" { id = "111111111111" }

# Identity allow for GetObject only.
user "alice" { policies = [policy.get_reports] }

# No identity policy at all.
user "bob" {}

# No identity policy, and not named by the bucket policy.
user "carol" {}

policy "get_reports" {
  statement "GetReports" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

resource "reports" {
  arn = "arn:aws:s3:::reports"
  policy {
    statement "AlicePut" {
      principals {
        type        = "AWS"
        identifiers = [user.alice.arn]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::reports/*"]
    }
    statement "BobGet" {
      principals {
        type        = "AWS"
        identifiers = [user.bob.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
    }
  }
}
