user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}
