policy "p" {
  statement {
    effect    = "allow"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
