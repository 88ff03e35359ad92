user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions   = ["s3:GetObjct", "s3:ListBuckets"]
    resources = ["*"]
  }
}
