# §6: ${*}, ${?} and ${$} are literal *, ? and $; a substituted value is
# literal text, so a * inside it is not a wildcard. The statements are in a
# bucket policy naming the user.

account "main" { id = "111111111111" }

user "u" {}

resource "lit" {
  arn = "arn:aws:s3:::lit"
  policy {
    statement "LiteralStar" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::lit/star/$${*}"]
    }
    statement "LiteralQmark" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::lit/qmark/a$${?}"]
    }
    statement "LiteralDollar" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::lit/dollar/$${$}price"]
    }
    statement "SubstitutedValue" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::lit/folders/$${aws:RequestTag/folder}/*"]
    }
  }
}
