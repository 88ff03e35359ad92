service "register" {
  actions = ["Sell", "Refund"]
}

user "cashier" {
  policies = [policy.till]
}

policy "till" {
  statement {
    actions   = ["register:Sell", "register:refund", "s3:AnythingGoes"]
    resources = ["*"]
  }
}
