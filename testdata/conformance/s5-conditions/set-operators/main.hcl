# §5.3 ForAnyValue / ForAllValues on the multivalued key aws:TagKeys, with
# empty and absent keys, and negated operators under a set operator.

account "main" { id = "111111111111" }

user "u" {}

resource "b" {
  arn = "arn:aws:s3:::b"
  policy {
    statement "AnyValue" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::b/any/*"]
      condition {
        test     = "ForAnyValue:StringEquals"
        variable = "aws:TagKeys"
        values   = ["env", "team"]
      }
    }
    statement "AllValues" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::b/all/*"]
      condition {
        test     = "ForAllValues:StringEquals"
        variable = "aws:TagKeys"
        values   = ["env", "team"]
      }
    }
    statement "AllNotEquals" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::b/all-not/*"]
      condition {
        test     = "ForAllValues:StringNotEquals"
        variable = "aws:TagKeys"
        values   = ["secret", "internal"]
      }
    }
    statement "AnyNotEquals" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::b/any-not/*"]
      condition {
        test     = "ForAnyValue:StringNotEquals"
        variable = "aws:TagKeys"
        values   = ["env"]
      }
    }
    statement "AnyLike" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::b/any-like/*"]
      condition {
        test     = "ForAnyValue:StringLike"
        variable = "aws:TagKeys"
        values   = ["cost-*"]
      }
    }
  }
}
