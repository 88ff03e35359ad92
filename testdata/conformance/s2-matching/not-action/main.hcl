# §2 NotAction: with Allow it grants everything except the list; with Deny it
# denies everything except the list and does not allow the listed items.

account "main" { id = "111111111111" }

# Allow NotAction iam:* : everything but IAM.
user "not_iam" { policies = [policy.allow_not_iam] }

# Deny NotAction s3:* and nothing else: denies all but S3, allows nothing.
user "deny_only" { policies = [policy.deny_not_s3] }

# Deny NotAction s3:* together with an Allow of s3:GetObject and ec2:*.
user "deny_and_allow" { policies = [policy.deny_not_s3, policy.allow_some] }

policy "allow_not_iam" {
  statement "AllButIam" {
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
}

policy "deny_not_s3" {
  statement "DenyAllButS3" {
    effect      = "Deny"
    not_actions = ["s3:*"]
    resources   = ["*"]
  }
}

policy "allow_some" {
  statement "AllowSome" {
    actions   = ["s3:GetObject", "ec2:DescribeInstances"]
    resources = ["*"]
  }
}
