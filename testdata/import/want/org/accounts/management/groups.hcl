# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

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
