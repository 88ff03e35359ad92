# §3.1 step 4: a resource policy that names the ROLE SESSION ARN grants
# directly to that session: not limited by the role's boundary or the session
# policy. It covers only that exact session.

account "main" { id = "111111111111" }

user "alice" {}

# A boundary that does not allow S3, and no identity policies.
role "Worker" {
  permissions_boundary = policy.ec2_only
  trust {
    statement "Alice" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.alice.arn]
      }
    }
  }
}

policy "ec2_only" {
  statement "Ec2Only" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}

resource "data" {
  arn = "arn:aws:s3:::data"
  policy {
    statement "NightlySession" {
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:sts::111111111111:assumed-role/Worker/nightly"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data/*"]
    }
    statement "NoDeleteForNightly" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:sts::111111111111:assumed-role/Worker/nightly"]
      }
      actions   = ["s3:DeleteObject"]
      resources = ["arn:aws:s3:::data/*"]
    }
  }
}
