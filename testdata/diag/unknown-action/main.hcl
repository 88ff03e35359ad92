service "register" {
  actions = ["Sell", "Refund"]
}

policy "p" {
  statement {
    actions   = ["register:Sel", "register:Open*", "register:Refund"]
    resources = ["*"]
  }
}
