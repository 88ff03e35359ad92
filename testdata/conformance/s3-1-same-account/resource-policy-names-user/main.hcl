# §3.1 step 4: a resource policy that names the IAM user ARN allows directly,
# even through an implicit deny of the user's permissions boundary; explicit
# denies still win.

account "main" { id = "111111111111" }

# Boundary allows only EC2: S3 is implicitly denied by it.
user "bounded" {
  permissions_boundary = policy.ec2_only
  policies             = [policy.s3_all]
}

# Boundary explicitly denies S3 writes.
user "deny_bounded" {
  permissions_boundary = policy.boundary_with_deny
}

# Identity policy with an explicit deny on PutObject.
user "self_denied" {
  policies = [policy.no_put]
}

policy "ec2_only" {
  statement "Ec2Only" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}

policy "boundary_with_deny" {
  statement "All" {
    actions   = ["*"]
    resources = ["*"]
  }
  statement "NoS3Put" {
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

policy "s3_all" {
  statement "S3All" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

policy "no_put" {
  statement "NoPut" {
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

resource "shared" {
  arn = "arn:aws:s3:::shared"
  policy {
    statement "NamedUsers" {
      principals {
        type        = "AWS"
        identifiers = [user.bounded.arn, user.deny_bounded.arn, user.self_denied.arn]
      }
      actions   = ["s3:GetObject", "s3:PutObject"]
      resources = ["arn:aws:s3:::shared/*"]
    }
  }
}
