user "analyst" {
  policies = [policy.read]
}

policy "read" {
  statement "ReadReports" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
  statement "ReadEverything" {
    actions   = ["s3:Get*", "s3:List*"]
    resources = ["arn:aws:s3:::*"]
  }
}
