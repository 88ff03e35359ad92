user "dev" {
  policies = [policy.big]
}

# 600 resources of about 25 characters: over the 6,144 non-whitespace
# characters of a managed policy.
policy "big" {
  statement {
    actions   = ["s3:GetObject"]
    resources = [for i in range(600) : "arn:aws:s3:::bucket-${i}/*"]
  }
}
