user "dev" {
  policy "inline" {
    statement {
      actions   = [for i in range(20) : "s3:GetObjectVersion${i}"]
      resources = ["*"]
    }
  }
}
