# alice may create access keys for herself only.
user "admin" { policies = [policy.admin] }
user "alice" { policies = [policy.keys] }

policy "admin" {
  statement "Everything" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "keys" {
  statement "OwnKeys" {
    actions   = ["iam:CreateAccessKey"]
    resources = ["arn:aws:iam::123456789012:user/$${aws:username}"]
  }
}
