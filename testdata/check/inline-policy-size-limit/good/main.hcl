user "dev" {
  policy "inline" {
    statement {
      actions   = ["s3:GetObject"]
      resources = [for i in range(20) : "arn:aws:s3:::bucket-${i}/*"]
    }
  }
}
