user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["s3:::reports/*"]
  }
}
