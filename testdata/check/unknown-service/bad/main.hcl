user "dev" {
  policies = [policy.p]
}

# s3x is a typo of s3; till is a service of the project's own that no
# service block declares.
policy "p" {
  statement {
    actions   = ["s3x:GetObject", "till:Sell"]
    resources = ["*"]
  }
}
