user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions = ["s3:GetObject"]
    resources = [
      "arn:aws:S3:::reports/*",
      "arn:amazon:s3:::reports/*",
      "arn:aws:ec2:us-east-1:12345:instance/*",
      "arn:aws:ec2:US_EAST:123456789012:instance/*",
      "arn:aws:ec2:us-east-1:123456789012:",
    ]
  }
}
