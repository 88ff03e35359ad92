user "admin" {
  policies = [policy.almost_admin]
}

policy "almost_admin" {
  statement "EverythingButIAM" {
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
}
