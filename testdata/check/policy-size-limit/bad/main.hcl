user "dev" {
  policies = [policy.big]
}

# 600 actions of about 25 characters: over the 6,144 non-whitespace
# characters of a managed policy.
policy "big" {
  statement {
    actions   = [for i in range(600) : "s3:GetObjectVersion${i}"]
    resources = ["*"]
  }
}
