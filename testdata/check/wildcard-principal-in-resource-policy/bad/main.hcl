resource "reports" {
  arn = "arn:aws:s3:::reports"
  policy {
    statement "PublicRead" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
    }
  }
}
