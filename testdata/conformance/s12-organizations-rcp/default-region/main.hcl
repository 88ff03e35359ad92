# The region-lock SCP of the AWS Organizations examples ("Deny access to AWS
# based on the requested AWS Region", deny_outside_eu.json verbatim), with
# the project's default region. aws:RequestedRegion is always in a request;
# a test that does not give it gets the project default, like a client
# configured for eu-west-1.

defaults {
  region = "eu-west-1"
}

organization "acme" {
  id                 = "o-acme111111"
  management_account = account.hq
  policies           = [scp.full_access, scp.deny_outside_eu]
}

account "hq" {
  id     = "100000000000"
  parent = organization.acme
}

account "app" {
  id     = "111111111111"
  parent = organization.acme
}

scp "full_access" {
  statement "FullAccess" {
    actions   = ["*"]
    resources = ["*"]
  }
}

scp "deny_outside_eu" {
  document = file("deny_outside_eu.json")
}

user "dev" {
  account  = account.app
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess", policy.assume_bypass]
}

user "hq_dev" {
  account  = account.hq
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

policy "assume_bypass" {
  account = account.app
  statement "AssumeBypass" {
    actions   = ["sts:AssumeRole"]
    resources = [role.Role1AllowedToBypassThisSCP.arn]
  }
}

role "Role1AllowedToBypassThisSCP" {
  account  = account.app
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]
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

# Refuses plain HTTP.
resource "app_bucket" {
  arn     = "arn:aws:s3:::app-bucket"
  account = account.app
  policy {
    statement "DenyInsecureTransport" {
      effect = "Deny"
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::app-bucket", "arn:aws:s3:::app-bucket/*"]
      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = ["false"]
      }
    }
  }
}
