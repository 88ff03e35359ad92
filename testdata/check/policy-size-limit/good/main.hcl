user "dev" {
  policies = [policy.small]
}

policy "small" {
  statement {
    actions   = ["s3:GetObject"]
    resources = [for i in range(100) : "arn:aws:s3:::bucket-${i}/*"]
  }
}
