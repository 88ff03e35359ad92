user "analyst" {
  policies = [policy.read]
}

policy "read" {
  statement "Distinct" {
    actions   = ["s3:GetObject", "s3:GetObjectAcl", "s3:ListBucket"]
    resources = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
  }
}
