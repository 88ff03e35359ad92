# IAM Identity Center creates a role per permission set in each account it is
# assigned to (path /aws-reserved/sso.amazonaws.com/, name AWSReservedSSO_…).
# Only Identity Center modifies them: an administrator of the account cannot,
# whatever its policies allow. It can still view them.

account "main" { id = "111111111111" }

user "admin" {
  policies = [policy.admin]
}

role "AWSReservedSSO_AdministratorAccess_1a2b3c4d5e6f7a8b" {
  path = "/aws-reserved/sso.amazonaws.com/"
}

# Roles of newer instances carry the Region in the path.
role "AWSReservedSSO_ReadOnly_0f9e8d7c6b5a4f3e" {
  path = "/aws-reserved/sso.amazonaws.com/eu-west-1/"
}

policy "admin" {
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}
