# §3.3: the SCPs attached at one level are ORed; omitting `policies` means the
# default FullAWSAccess; SCPs never grant.

organization "acme" {
  # Two SCPs at the root: together they allow s3 and sqs.
  policies = [scp.s3, scp.sqs]
}

account "default_scps" {
  id     = "111111111111"
  parent = organization.acme
}

account "two_scps" {
  id       = "222222222222"
  parent   = organization.acme
  policies = [scp.s3, scp.ec2]
}

scp "s3" {
  statement "S3" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

scp "sqs" {
  statement "Sqs" {
    actions   = ["sqs:*"]
    resources = ["*"]
  }
}

scp "ec2" {
  statement "Ec2" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}

user "admin1" {
  account  = account.default_scps
  policies = [policy.admin1]
}

user "nothing1" {
  account = account.default_scps
}

user "admin2" {
  account  = account.two_scps
  policies = [policy.admin2]
}

policy "admin1" {
  account = account.default_scps
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "admin2" {
  account = account.two_scps
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}
