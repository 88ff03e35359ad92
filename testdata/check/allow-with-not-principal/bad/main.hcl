# A bucket policy meant to let the app account read reports, written with
# NotPrincipal: it allows everyone except the account, anonymous callers
# included.
account "app" { id = "111122223333" }

resource "reports" {
  arn = "arn:aws:s3:::reports"
  policy {
    statement "ReadReports" {
      not_principals {
        type        = "AWS"
        identifiers = ["444455556666"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
    }
  }
}
