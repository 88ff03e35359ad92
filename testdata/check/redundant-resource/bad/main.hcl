user "analyst" {
  policies = [policy.read]
}

policy "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*", "arn:aws:s3:::reports/2024/*"]
  }
}
