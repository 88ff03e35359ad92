# 120 resources of about 25 characters: over the 2,048 non-whitespace
# characters AWS allows for a user's inline policies.
user "dev" {
  policy "inline" {
    statement {
      actions   = ["s3:GetObject"]
      resources = [for i in range(120) : "arn:aws:s3:::bucket-${i}/*"]
    }
  }
}
