# One account (implicit), a user in a group, a managed policy with exact,
# prefix and glob actions, a deny.
user "alice" {
  groups   = [group.devs]
  policies = [policy.own]
  tags     = { Team = "Platform" }
}

group "devs" { policies = [policy.read] }

policy "read" {
  statement "Read" {
    actions   = ["s3:GetObject", "s3:List*", "ec2:Describe*Instances"]
    resources = ["arn:aws:s3:::data/*", "arn:aws:s3:::data", "arn:aws:ec2:*:*:instance/*"]
  }
  statement "NoSecrets" {
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = ["arn:aws:s3:::data/secret/*"]
  }
}

policy "own" {
  statement {
    not_actions   = ["iam:*"]
    not_resources = ["arn:aws:iam::*:*"]
  }
}

service "register" { actions = ["Sell", "Refund"] }
