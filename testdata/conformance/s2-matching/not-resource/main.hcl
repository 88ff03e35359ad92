# §2 NotResource: Allow grants everything except the listed resources; Deny
# denies everything except them and does not allow them.

account "main" { id = "111111111111" }

user "not_secret" { policies = [policy.all_but_secret] }
user "only_public" { policies = [policy.deny_outside_public, policy.s3_read] }
user "deny_alone" { policies = [policy.deny_outside_public] }

policy "all_but_secret" {
  statement "AllButSecret" {
    actions       = ["s3:GetObject"]
    not_resources = ["arn:aws:s3:::secret", "arn:aws:s3:::secret/*"]
  }
}

policy "deny_outside_public" {
  statement "DenyOutsidePublic" {
    effect        = "Deny"
    actions       = ["s3:*"]
    not_resources = ["arn:aws:s3:::public/*"]
  }
}

policy "s3_read" {
  statement "Read" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
