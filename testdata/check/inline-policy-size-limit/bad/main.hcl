# 120 actions of about 25 characters: over the 2,048 non-whitespace
# characters AWS allows for a user's inline policies.
user "dev" {
  policy "inline" {
    statement {
      actions   = [for i in range(120) : "s3:GetObjectVersion${i}"]
      resources = ["*"]
    }
  }
}
