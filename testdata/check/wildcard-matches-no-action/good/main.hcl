user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions   = ["s3:Get*", "dynamodb:*Item"]
    resources = ["*"]
  }
}
