# §3.3: every level of the hierarchy (org root, each OU, the account) needs
# an SCP that allows the request; the levels are ANDed.
#
#   root (FullAWSAccess by default)
#   └── unit workloads: allows s3:* and ec2:*
#       ├── account app: allows s3:* only
#       ├── account batch: FullAWSAccess by default
#       └── unit team: allows s3:*, ec2:*, iam:* ; account team_app: FullAWSAccess

organization "acme" {
  management_account = account.hq
}

account "hq" {
  id     = "100000000000"
  parent = organization.acme
}

unit "workloads" {
  parent   = organization.acme
  policies = [scp.s3_and_ec2]
}

unit "team" {
  parent   = unit.workloads
  policies = [scp.s3_ec2_iam]
}

account "app" {
  id       = "111111111111"
  parent   = unit.workloads
  policies = [scp.s3_only]
}

account "batch" {
  id     = "222222222222"
  parent = unit.workloads
}

account "team_app" {
  id     = "333333333333"
  parent = unit.team
}

scp "s3_and_ec2" {
  statement "S3AndEc2" {
    actions   = ["s3:*", "ec2:*"]
    resources = ["*"]
  }
}

scp "s3_only" {
  statement "S3Only" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

scp "s3_ec2_iam" {
  statement "S3Ec2Iam" {
    actions   = ["s3:*", "ec2:*", "iam:*"]
    resources = ["*"]
  }
}

user "app_admin" {
  account  = account.app
  policies = [policy.app_admin]
}

user "batch_admin" {
  account  = account.batch
  policies = [policy.batch_admin]
}

user "team_admin" {
  account  = account.team_app
  policies = [policy.team_admin]
}

policy "app_admin" {
  account = account.app
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "batch_admin" {
  account = account.batch
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "team_admin" {
  account = account.team_app
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}
