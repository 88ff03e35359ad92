# §3.1 step 6: a permissions boundary intersects with the identity policies
# and never grants on its own.

account "main" { id = "111111111111" }

# Identity: s3:* ; boundary: s3:GetObject and ec2:Describe*.
user "dev" {
  policies             = [policy.s3_all]
  permissions_boundary = policy.read_boundary
}

# Boundary Allow * but no identity policy.
user "boundary_only" {
  permissions_boundary = policy.allow_all
}

# Identity through a group; the boundary applies to group grants too.
user "grouped" {
  groups               = [group.admins]
  permissions_boundary = policy.read_boundary
}

# Boundary with an explicit Deny.
user "deny_boundary" {
  policies             = [policy.s3_all]
  permissions_boundary = policy.allow_all_but_delete
}

# A role whose boundary permits only us-east-1.
role "Deployer" {
  policies             = [policy.ec2_all]
  permissions_boundary = policy.region_boundary
  trust {
    statement "Dev" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.dev.arn]
      }
    }
  }
}

group "admins" { policies = [policy.allow_all] }

policy "s3_all" {
  statement "S3All" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

policy "ec2_all" {
  statement "Ec2All" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}

policy "allow_all" {
  statement "AllowAll" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "read_boundary" {
  statement "ReadOnly" {
    actions   = ["s3:GetObject", "ec2:Describe*"]
    resources = ["*"]
  }
}

policy "allow_all_but_delete" {
  statement "AllowAll" {
    actions   = ["*"]
    resources = ["*"]
  }
  statement "NoDelete" {
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
  }
}

policy "region_boundary" {
  statement "UsEast1Only" {
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = ["us-east-1"]
    }
  }
}
