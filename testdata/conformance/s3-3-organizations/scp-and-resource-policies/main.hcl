# §3.3 and §3.2: SCPs limit what resource-based policies grant to the
# principals of member accounts; the SCPs of the resource's organization never
# apply to external principals.

organization "acme" {
  policies = [scp.all_but_put]
}

account "member" {
  id     = "111111111111"
  parent = organization.acme
}

account "member_ec2" {
  id       = "222222222222"
  parent   = organization.acme
  policies = [scp.ec2_only]
}

# A standalone account, outside the organization.
account "outside" {
  id = "999999999999"
}

scp "all_but_put" {
  statement "AllowAll" {
    actions   = ["*"]
    resources = ["*"]
  }
  statement "DenyPut" {
    effect    = "Deny"
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

scp "ec2_only" {
  statement "Ec2Only" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}

user "m_nopolicy" {
  account = account.member
}

user "m_admin" {
  account  = account.member
  policies = [policy.m_admin]
}

user "m2_nopolicy" {
  account = account.member_ec2
}

user "o_user" {
  account  = account.outside
  policies = [policy.o_s3]
}

policy "m_admin" {
  account = account.member
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "o_s3" {
  account = account.outside
  statement "S3" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "member_bucket" {
  arn     = "arn:aws:s3:::member-bucket"
  account = account.member
  policy {
    statement "Grants" {
      principals {
        type        = "AWS"
        identifiers = [user.m_nopolicy.arn, user.o_user.arn]
      }
      actions   = ["s3:GetObject", "s3:PutObject"]
      resources = ["arn:aws:s3:::member-bucket/*"]
    }
  }
}

resource "member_ec2_bucket" {
  arn     = "arn:aws:s3:::member-ec2-bucket"
  account = account.member_ec2
  policy {
    statement "Grants" {
      principals {
        type        = "AWS"
        identifiers = [user.m2_nopolicy.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::member-ec2-bucket/*"]
    }
  }
}

resource "outside_bucket" {
  arn     = "arn:aws:s3:::outside-bucket"
  account = account.outside
  policy {
    statement "Grants" {
      principals {
        type        = "AWS"
        identifiers = [user.m_admin.arn]
      }
      actions   = ["s3:GetObject", "s3:PutObject"]
      resources = ["arn:aws:s3:::outside-bucket/*"]
    }
  }
}
