# §5.1: negated operators with several values are a NOR: true when the request
# value matches none of them. With the key absent they are true, and a Deny
# with StringNotEqualsIfExists denies when the key is missing.

account "main" { id = "111111111111" }

user "u" {}

resource "t" {
  arn = "arn:aws:dynamodb:us-east-1:111111111111:table/T"
  policy {
    statement "AllowAll" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["dynamodb:*"]
      resources = ["arn:aws:dynamodb:us-east-1:111111111111:table/T"]
    }
    # Deny outside two regions: StringNotEquals over two values.
    statement "DenyOtherRegions" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["dynamodb:PutItem"]
      resources = ["arn:aws:dynamodb:us-east-1:111111111111:table/T"]
      condition {
        test     = "StringNotEquals"
        variable = "aws:RequestedRegion"
        values   = ["us-east-1", "eu-west-1"]
      }
    }
    statement "DenyUnlessProject" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["dynamodb:DeleteItem"]
      resources = ["arn:aws:dynamodb:us-east-1:111111111111:table/T"]
      condition {
        test     = "StringNotLike"
        variable = "aws:RequestTag/project"
        values   = ["alpha-*", "beta-*"]
      }
    }
    statement "DenyWrongVpcIfPresent" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["dynamodb:UpdateItem"]
      resources = ["arn:aws:dynamodb:us-east-1:111111111111:table/T"]
      condition {
        test     = "StringNotEqualsIfExists"
        variable = "aws:SourceVpc"
        values   = ["vpc-111", "vpc-222"]
      }
    }
    statement "DenyIgnoreCase" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["dynamodb:Scan"]
      resources = ["arn:aws:dynamodb:us-east-1:111111111111:table/T"]
      condition {
        test     = "StringNotEqualsIgnoreCase"
        variable = "aws:RequestTag/env"
        values   = ["Prod", "Staging"]
      }
    }
    statement "DenyNumeric" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["dynamodb:Query"]
      resources = ["arn:aws:dynamodb:us-east-1:111111111111:table/T"]
      condition {
        test     = "NumericNotEquals"
        variable = "example:count"
        values   = ["1", "2"]
      }
    }
  }
}
