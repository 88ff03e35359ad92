user "analyst" {
  policies = [policy.read]
}

policy "read" {
  statement {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*", "arn:aws:s3:::Reports/*"]
  }
}
