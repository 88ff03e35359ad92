user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions = ["s3:GetObject", "iam:GetRole"]
    resources = [
      "arn:aws:s3:us-east-1:123456789012:accesspoint/reports",
      "arn:aws:s3:::reports/*",
      "arn:aws:s3:*:*:archive/*",
      "arn:aws:iam::123456789012:role/Ops",
    ]
  }
}
