# §5.2 ARN operators: compared per colon-delimited segment, so `*` does not
# cross the `:` between segments (StringLike would). ArnEquals and ArnLike
# behave identically. The conditions are in a queue policy naming the user.

account "main" { id = "111111111111" }

user "u" {}

resource "queue" {
  arn = "arn:aws:sqs:us-east-1:111111111111:jobs"
  policy {
    statement "ArnLikeSegments" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["sqs:SendMessage"]
      resources = ["arn:aws:sqs:us-east-1:111111111111:jobs"]
      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = ["arn:aws:svc:*:111122223333:finance/*"]
      }
    }
    statement "StringLikeAcross" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["sqs:ReceiveMessage"]
      resources = ["arn:aws:sqs:us-east-1:111111111111:jobs"]
      condition {
        test     = "StringLike"
        variable = "aws:SourceArn"
        values   = ["arn:aws:svc:*:111122223333:finance/*"]
      }
    }
    statement "ArnEqualsWildcard" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["sqs:DeleteMessage"]
      resources = ["arn:aws:sqs:us-east-1:111111111111:jobs"]
      condition {
        test     = "ArnEquals"
        variable = "aws:SourceArn"
        values   = ["arn:aws:sns:us-east-1:111111111111:topic-*"]
      }
    }
    statement "ArnNotLikeNor" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["sqs:GetQueueAttributes"]
      resources = ["arn:aws:sqs:us-east-1:111111111111:jobs"]
      condition {
        test     = "ArnNotLike"
        variable = "aws:SourceArn"
        values   = ["arn:aws:sns:*:111111111111:blocked", "arn:aws:s3:::untrusted-*"]
      }
    }
    statement "ResourceSegmentColons" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["sqs:ChangeMessageVisibility"]
      resources = ["arn:aws:sqs:us-east-1:111111111111:jobs"]
      condition {
        test     = "ArnLike"
        variable = "aws:SourceArn"
        values   = ["arn:aws:logs:us-east-1:111111111111:log-group:app*"]
      }
    }
  }
}
