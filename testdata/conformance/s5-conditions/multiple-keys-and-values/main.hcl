# §5.1: AND over operators, AND over keys, OR over the values of one key.

account "main" { id = "111111111111" }

user "u" {}

resource "q" {
  arn = "arn:aws:sqs:us-east-1:111111111111:orders"
  policy {
    statement "Tagged" {
      principals {
        type        = "AWS"
        identifiers = [user.u.arn]
      }
      actions   = ["sqs:SendMessage"]
      resources = ["arn:aws:sqs:us-east-1:111111111111:orders"]
      condition {
        test     = "StringEquals"
        variable = "aws:RequestTag/env"
        values   = ["dev", "test"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:RequestTag/team"
        values   = ["payments"]
      }
      condition {
        test     = "IpAddress"
        variable = "aws:SourceIp"
        values   = ["10.0.0.0/8"]
      }
    }
  }
}
