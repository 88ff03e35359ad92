user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions = ["s3:GetObject", "iam:GetRole"]
    resources = [
      "arn:aws:s3:us-east-1::reports/*",
      "arn:aws:s3:::reports/*",
      "arn:aws:s3::123456789012:archive/*",
      "arn:aws:iam:us-east-1:123456789012:role/Ops",
    ]
  }
}
