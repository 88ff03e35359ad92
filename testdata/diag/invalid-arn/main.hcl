policy "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3", "bucket/*", "arn:aws:s3*:::b"]
  }
}
