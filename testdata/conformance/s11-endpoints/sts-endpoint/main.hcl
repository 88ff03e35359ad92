# An interface endpoint for AWS STS whose policy, as in the IAM User Guide
# example "Restrict to specific AWS STS actions", allows only role assumption.
# Through it, other STS operations are blocked — GetCallerIdentity and
# GetSessionToken too, which no identity policy can block.

account "app" { id = "111111111111" }

user "dev" {
  policies = [policy.assume_roles]
}

user "nobody" {}

role "Deploy" {
  policies = [policy.deploy]
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

role "Reader" {
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

policy "assume_roles" {
  statement "AssumeRoles" {
    actions   = ["sts:AssumeRole"]
    resources = ["*"]
  }
}

policy "deploy" {
  statement "Deploy" {
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}

vpc_endpoint "sts" {
  id      = "vpce-0sts0001"
  vpc     = "vpc-111aaa"
  account = account.app
  service = "sts"
  policy {
    statement "AssumeDeployRolesOnly" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["sts:AssumeRole", "sts:AssumeRoleWithSAML"]
      resources = ["arn:aws:iam::111111111111:role/Deploy*"]
    }
  }
}
