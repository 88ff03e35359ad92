user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions   = ["s3:GetObject", "s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}
