user "dev" {
  policies = [policy.small]
}

policy "small" {
  statement {
    actions   = [for i in range(100) : "s3:GetObjectVersion${i}"]
    resources = ["*"]
  }
}
