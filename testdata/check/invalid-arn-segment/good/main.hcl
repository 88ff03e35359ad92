user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions = ["s3:GetObject"]
    resources = [
      "arn:aws:s3:::reports/*",
      "arn:aws-cn:ec2:cn-north-1:123456789012:instance/*",
      "arn:aws:ec2:*:*:volume/*",
      "arn:aws:ec2:us-east-?:1234*:instance/*",
      "arn:aws:iam::aws:policy/ReadOnlyAccess",
    ]
  }
}
