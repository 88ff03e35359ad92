# Rule 10: variables only with Version 2012-10-17, only in the resource part
# and in condition values; an unresolved variable matches nothing. The policy
# has the shape of the AWS example "Allows IAM users to manage their own
# credentials".

account "main" { id = "111111111111" }

group "everyone" {
  policies = [policy.own_credentials, policy.old_credentials]
}

user "dave" { groups = [group.everyone] }
user "erin" { groups = [group.everyone] }

# A user with a path: its ARN is arn:aws:iam::111111111111:user/staff/carol.
user "carol" {
  path   = "/staff/"
  groups = [group.everyone]
}

role "Helper" {
  policies = [policy.own_credentials]
  trust {
    statement "Dave" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.dave.arn]
      }
    }
  }
}

policy "own_credentials" { document = file("own_credentials.json") }
policy "old_credentials" { document = file("old_credentials.json") }
