user "dev" {
  policies = [policy.p]
}

service "till" {
  actions = ["Sell"]
}

policy "p" {
  statement {
    actions   = ["s3:GetObject", "till:Sell"]
    resources = ["*"]
  }
}
