# §4.2 and §4.3: MFA-protected role assumption, service principals in trust
# policies, and aws:PrincipalOrgID in a trust policy.

organization "acme" {
  id = "o-a1b2c3d4e5"
}

account "main" {
  id     = "111111111111"
  parent = organization.acme
}

account "sibling" {
  id     = "222222222222"
  parent = organization.acme
}

account "stranger" {
  id = "999999999999"
}

user "alice" { account = account.main }

user "sibling_user" {
  account  = account.sibling
  policies = [policy.sibling_assume]
}

user "stranger_user" {
  account  = account.stranger
  policies = [policy.stranger_assume]
}

policy "sibling_assume" {
  account = account.sibling
  statement "Assume" {
    actions   = ["sts:AssumeRole"]
    resources = ["*"]
  }
}

policy "stranger_assume" {
  account = account.stranger
  statement "Assume" {
    actions   = ["sts:AssumeRole"]
    resources = ["*"]
  }
}

role "Admin" {
  account  = account.main
  policies = [policy.work]
  trust {
    statement "AliceWithMfa" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.alice.arn]
      }
      condition {
        test     = "Bool"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }
  }
}

role "Ec2Instance" {
  account  = account.main
  policies = [policy.work]
  trust {
    statement "Ec2" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["ec2.amazonaws.com"]
      }
    }
  }
}

role "OrgWide" {
  account  = account.main
  policies = [policy.work]
  trust {
    statement "AnyoneInTheOrg" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:PrincipalOrgID"
        values   = ["o-a1b2c3d4e5"]
      }
    }
  }
}

policy "work" {
  account = account.main
  statement "Work" {
    actions   = ["s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}
