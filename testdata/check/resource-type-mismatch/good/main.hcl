user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement "ListReports" {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
  }
  statement "ReadTable" {
    actions   = ["dynamodb:GetItem"]
    resources = ["arn:aws:dynamodb:eu-west-1:123456789012:table/orders"]
  }
}
