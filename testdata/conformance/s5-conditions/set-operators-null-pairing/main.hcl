# §5.3: ForAllValues is true when the key is absent; AWS recommends pairing
# it with a plain Null {key: false} check, which is valid on a multivalued
# key (Null tests presence, not values).

account "main" { id = "111111111111" }

user "u" {}

resource "b" {
  arn = "arn:aws:s3:::b"
  policy {
    statement "AllValuesAndPresent" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::b/all-present/*"]
      condition {
        test     = "ForAllValues:StringEquals"
        variable = "aws:TagKeys"
        values   = ["env", "team"]
      }
      condition {
        test     = "Null"
        variable = "aws:TagKeys"
        values   = ["false"]
      }
    }
  }
}
