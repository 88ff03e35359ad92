user "analyst" {
  policies = [policy.read]
}

policy "read" {
  statement "Twice" {
    actions   = ["s3:GetObject", "s3:ListBucket", "S3:getobject"]
    resources = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]
  }
  statement "Covered" {
    actions   = ["s3:Get*", "s3:GetObjectAcl"]
    resources = ["arn:aws:s3:::archive/*"]
  }
}
