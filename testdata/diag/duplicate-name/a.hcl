user "alice" {}

policy "read" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
