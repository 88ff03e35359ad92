# Rule 9: actions and condition-key names are case-insensitive; resource ARNs,
# principal ARNs and StringEquals/StringLike/Arn* values are case-sensitive.

account "main" { id = "111111111111" }

user "alice" {
  policies = [policy.mixed_case]
}

user "reader" {}

policy "mixed_case" {
  statement "MixedCaseActions" {
    actions   = ["S3:getobject", "DynamoDB:Get*"]
    resources = ["arn:aws:s3:::Reports/*", "arn:aws:dynamodb:us-east-1:111111111111:table/Orders"]
  }
}

resource "shared" {
  arn = "arn:aws:s3:::shared"
  policy {
    statement "NamesReader" {
      principals {
        type        = "AWS"
        identifiers = [user.reader.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::shared/*"]
    }
    statement "TaggedRequests" {
      principals {
        type        = "AWS"
        identifiers = [user.reader.arn]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::shared/*"]
      condition {
        test     = "StringLike"
        variable = "AWS:RequestTag/Stage"
        values   = ["Prod*"]
      }
    }
  }
}

# Names the user with a capital R: not the user `reader`.
resource "capital" {
  arn = "arn:aws:s3:::capital"
  policy {
    statement "NamesCapitalReader" {
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::111111111111:user/Reader"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::capital/*"]
    }
  }
}
