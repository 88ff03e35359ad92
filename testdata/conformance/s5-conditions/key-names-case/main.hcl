# §5.1: condition key names are case-insensitive, including the tag-key part
# of aws:RequestTag/…; values keep the case rules of their operator.

account "main" { id = "111111111111" }

user "u" {}

resource "b" {
  arn = "arn:aws:s3:::b"
  policy {
    statement "UpperKey" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/upper-key/*"]
      condition {
        test     = "IpAddress"
        variable = "AWS:SOURCEIP"
        values   = ["203.0.113.0/24"]
      }
    }
    statement "TagKeyCase" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/tag-key/*"]
      condition {
        test     = "StringEquals"
        variable = "aws:RequestTag/CostCenter"
        values   = ["Finance"]
      }
    }
  }
}
