user "admin" {
  policies = [policy.almost_admin]
}

policy "almost_admin" {
  statement "ReportsButNoDeletes" {
    not_actions = ["s3:Delete*"]
    resources   = ["arn:aws:s3:::reports/*"]
  }
  statement "NoIAM" {
    effect      = "Deny"
    not_actions = ["iam:Get*"]
    resources   = ["*"]
  }
}
