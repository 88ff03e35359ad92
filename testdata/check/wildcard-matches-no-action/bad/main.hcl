user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions   = ["s3:Gte*", "dynamodb:*Itme"]
    resources = ["*"]
  }
}
