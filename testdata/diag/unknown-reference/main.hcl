user "employee" {
  groups   = [group.staf]
  policies = [policy.register, polcy.other]
}

group "staff" {}

policy "register" {
  statement {
    actions   = ["register:Sell"]
    resources = [role.Cashier.arn]
  }
}
