user "alice" {
  account = account.management
  path    = "/staff/"
  groups  = [group.Admins]
  tags    = { team = "platform", "cost-center" = "42" }
}

group "Admins" {
  account  = account.management
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]

  policy "ForceMFA" {
    statement "DenyWithoutMFA" {
      effect      = "Deny"
      not_actions = ["iam:ChangePassword", "iam:GetUser", "sts:GetSessionToken"]
      resources   = ["*"]
      condition {
        test     = "BoolIfExists"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["false"]
      }
    }
  }
}
