# §6: a variable whose key is absent (no default) makes positive operators
# false and negated operators true. The statements are in a bucket policy
# naming the user, who has no tags.

account "main" { id = "111111111111" }

user "u" {}

resource "b" {
  arn = "arn:aws:s3:::b"
  policy {
    statement "PositiveUnresolved" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/positive/*"]
      condition {
        test     = "StringEquals"
        variable = "aws:RequestTag/owner"
        values   = ["$${aws:PrincipalTag/owner}"]
      }
    }
    statement "LikeUnresolved" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/like/*"]
      condition {
        test     = "StringLike"
        variable = "aws:RequestTag/owner"
        values   = ["$${aws:PrincipalTag/owner}*"]
      }
    }
    statement "NegatedUnresolved" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/negated/*"]
      condition {
        test     = "StringNotEquals"
        variable = "aws:RequestTag/owner"
        values   = ["$${aws:PrincipalTag/owner}"]
      }
    }
    statement "NotLikeUnresolved" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/not-like/*"]
      condition {
        test     = "StringNotLike"
        variable = "aws:RequestTag/owner"
        values   = ["$${aws:PrincipalTag/owner}"]
      }
    }
    statement "Resolved" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/resolved/*"]
      condition {
        test     = "StringEquals"
        variable = "aws:RequestTag/owner"
        values   = ["$${aws:RequestTag/expected}"]
      }
    }
  }
}
