# The same IAM name in two accounts names two different identities: the
# account ID is part of every ARN. AWS Organizations creates
# OrganizationAccountAccessRole in each account it creates, trusted by the
# management account.

organization "acme" {
  id                 = "o-acme111111"
  management_account = account.hq
}

account "hq" {
  id     = "100000000000"
  parent = organization.acme
}

account "prod" {
  id     = "111111111111"
  parent = organization.acme
}

account "dev" {
  id     = "222222222222"
  parent = organization.acme
}

user "ops" {
  account  = account.hq
  policies = [policy.assume_org_access]
}

policy "assume_org_access" {
  account = account.hq
  statement "AssumeOrgAccess" {
    actions   = ["sts:AssumeRole"]
    resources = ["arn:aws:iam::*:role/OrganizationAccountAccessRole"]
  }
}

role "prod_admin" {
  account  = account.prod
  name     = "OrganizationAccountAccessRole"
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  trust {
    statement "Management" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.hq.id]
      }
    }
  }
}

role "dev_admin" {
  account  = account.dev
  name     = "OrganizationAccountAccessRole"
  policies = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  trust {
    statement "Management" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.hq.id]
      }
    }
  }
}

# Two users named alice.
user "alice_prod" {
  account = account.prod
  name    = "alice"
}

user "alice_dev" {
  account  = account.dev
  name     = "alice"
  policies = [policy.dev_read_all]
}

policy "dev_read_all" {
  account = account.dev
  statement "ReadAll" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

# A prod bucket whose policy names prod's alice.
resource "prod_bucket" {
  arn     = "arn:aws:s3:::prod-bucket"
  account = account.prod
  policy {
    statement "Alice" {
      principals {
        type        = "AWS"
        identifiers = [user.alice_prod.arn]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::prod-bucket/*"]
    }
  }
}

resource "dev_bucket" {
  arn     = "arn:aws:s3:::dev-bucket"
  account = account.dev
}
