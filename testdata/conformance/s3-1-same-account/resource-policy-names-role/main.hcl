# §3.1 step 4: a resource policy that names the ROLE ARN stands in for an
# identity allow, but the role's permissions boundary and the session policy
# must still allow.

account "main" { id = "111111111111" }

user "alice" {}

# No policies and no boundary.
role "Plain" {
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

# A boundary that does not allow S3.
role "Ec2Bounded" {
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

# A boundary that allows reading S3.
role "S3Bounded" {
  permissions_boundary = policy.s3_read
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

policy "s3_read" {
  statement "S3Read" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

resource "data" {
  arn = "arn:aws:s3:::data"
  policy {
    statement "Roles" {
      principals {
        type        = "AWS"
        identifiers = [role.Plain.arn, role.Ec2Bounded.arn, role.S3Bounded.arn]
      }
      actions   = ["s3:GetObject", "s3:PutObject"]
      resources = ["arn:aws:s3:::data/*"]
    }
  }
}
