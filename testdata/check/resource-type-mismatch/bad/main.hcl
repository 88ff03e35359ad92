user "dev" {
  policies = [policy.p]
}

policy "p" {
  # ListBucket acts on buckets; the only resource is the objects.
  statement "ListReports" {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::reports/*"]
  }
  # An SQS queue is no resource of DynamoDB.
  statement "ReadTable" {
    actions   = ["dynamodb:GetItem"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:orders"]
  }
}
