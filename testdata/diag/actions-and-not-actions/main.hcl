policy "p" {
  statement "Both" {
    actions     = ["s3:GetObject"]
    not_actions = ["s3:PutObject"]
    resources   = ["*"]
  }
  statement "Neither" {
    resources = ["*"]
  }
}
