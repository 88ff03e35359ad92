# The bucket policy names the account that may read, and excludes another
# with a Deny on aws:PrincipalAccount; NotPrincipal with Deny is supported.
account "app" { id = "111122223333" }

resource "reports" {
  arn = "arn:aws:s3:::reports"
  policy {
    statement "ReadReports" {
      principals {
        type        = "AWS"
        identifiers = ["111122223333"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
    }
    statement "OnlyTheAppAccount" {
      effect = "Deny"
      not_principals {
        type        = "AWS"
        identifiers = ["111122223333"]
      }
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::reports/*"]
    }
  }
}
