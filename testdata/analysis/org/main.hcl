# Two accounts of an organization: a bucket whose policy admits a service,
# everyone (on a public prefix) and the other account (from its network);
# a role the other account may assume (and a vendor, with an external ID);
# a chain of roles; a user who reads only with MFA.
organization "corp" {
  management_account = account.hq
}

account "hq" {
  id     = "111111111111"
  parent = organization.corp
}

account "dev" {
  id     = "222222222222"
  parent = organization.corp
}

user "ana" {
  account  = account.hq
  policies = [policy.assume_dev]
}

user "ben" {
  account = account.hq
}

user "cid" {
  account  = account.dev
  policies = [policy.reader]
}

user "dee" {
  account  = account.dev
  policies = [policy.reader_with_mfa]
}

policy "assume_dev" {
  account = account.hq
  statement "Deployer" {
    actions   = ["sts:AssumeRole"]
    resources = [role.Deployer.arn]
  }
}

policy "reader" {
  account = account.dev
  statement "ReadLogs" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::logs/*"]
  }
}

policy "reader_with_mfa" {
  account = account.dev
  statement "ReadLogsWithMFA" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::logs/*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }
}

policy "deploy" {
  account = account.dev
  statement "WriteLogs" {
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["arn:aws:s3:::logs/*"]
  }
}

role "Deployer" {
  account  = account.dev
  policies = [policy.deploy]
  trust {
    statement "FromHQ" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.hq.id]
      }
    }
    statement "Vendor" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["999999999999"]
      }
      condition {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = ["vendor-7"]
      }
    }
  }
}

role "Auditor" {
  account  = account.dev
  policies = [policy.reader]
  trust {
    statement "FromDeployer" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [role.Deployer.arn]
      }
    }
  }
}

role "Trail" {
  account = account.dev
  trust {
    statement "CloudTrail" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }
    }
  }
}

resource "logs" {
  arn     = "arn:aws:s3:::logs"
  account = account.dev
  policy {
    statement "Trail" {
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::logs/*"]
      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }
    }
    statement "Public" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::logs/public/*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
    }
    statement "HQRead" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::logs/*"]
      principals {
        type        = "AWS"
        identifiers = [account.hq.id]
      }
      condition {
        test     = "IpAddress"
        variable = "aws:SourceIp"
        values   = ["10.0.0.0/8"]
      }
    }
  }
}
