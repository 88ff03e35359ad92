# §2 item 3: NotPrincipal (only with Deny) matches the principals not listed.
# The policy has the shape of the AWS example "IAM user in the same or a
# different account" (the user ARNs plus their account ARN).
# A Deny with NotPrincipal always denies principals that have a permissions
# boundary.

account "main" { id = "111111111111" }

user "alice" { policies = [policy.s3_all] }
user "bob" { policies = [policy.s3_all] }

user "bounded_alice" {
  policies             = [policy.s3_all]
  permissions_boundary = policy.s3_boundary
}

policy "s3_all" {
  statement "S3All" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

policy "s3_boundary" {
  statement "S3Boundary" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "vault" {
  arn = "arn:aws:s3:::vault"
  policy {
    statement "DenyAllButListed" {
      effect = "Deny"
      not_principals {
        type        = "AWS"
        # As AWS recommends, the account ARN of the not-denied users is listed
        # too (reference_policies_elements_notprincipal.html).
        identifiers = [user.alice.arn, user.bounded_alice.arn, "arn:aws:iam::111111111111:root"]
      }
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::vault", "arn:aws:s3:::vault/*"]
    }
  }
}
