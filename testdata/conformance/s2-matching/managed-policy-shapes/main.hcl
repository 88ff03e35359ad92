# Policies shaped like the AWS managed policies PowerUserAccess (NotAction plus
# a few IAM/Organizations/Account actions) and ReadOnlyAccess (Get*/List*/Describe*).

account "main" { id = "111111111111" }

user "power" { policies = [policy.power_user] }
user "viewer" { policies = [policy.read_only] }
user "careful_viewer" { policies = [policy.read_only, policy.no_secrets] }

policy "power_user" { document = file("power_user.json") }
policy "read_only" { document = file("read_only.json") }

policy "no_secrets" {
  statement "NoSecrets" {
    effect    = "Deny"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::secrets/*"]
  }
}
