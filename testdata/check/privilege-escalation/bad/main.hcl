# alice may create access keys for any user, the administrator included:
# with the administrator's keys she acts as the administrator.
user "admin" { policies = [policy.admin] }
user "alice" { policies = [policy.keys] }

policy "admin" {
  statement "Everything" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "keys" {
  statement "AnyUsersKeys" {
    actions   = ["iam:CreateAccessKey"]
    resources = ["arn:aws:iam::123456789012:user/*"]
  }
}
