# Rule 3: SCP levels AND together; a Deny at any level applies below it; the
# management account and service-linked roles are exempt; a member account's
# root user is not.
#
#   root: FullAWSAccess + DenyTrailDeletion
#   └── unit security: FullAWSAccess + DenyStopLogging
#       └── unit prod: AllowEc2 + AllowS3
#           └── account prod1 (FullAWSAccess by default)

organization "acme" {
  management_account = account.mgmt
  policies           = [scp.full_access, scp.deny_trail_deletion]
}

account "mgmt" {
  id     = "100000000000"
  parent = organization.acme
}

unit "security" {
  parent   = organization.acme
  policies = [scp.full_access, scp.deny_stop_logging]
}

unit "prod" {
  parent   = unit.security
  policies = [scp.allow_ec2, scp.allow_s3]
}

account "prod1" {
  id     = "111111111111"
  parent = unit.prod
}

scp "full_access" {
  statement "FullAWSAccess" {
    actions   = ["*"]
    resources = ["*"]
  }
}

scp "deny_trail_deletion" {
  statement "DenyTrailDeletion" {
    effect    = "Deny"
    actions   = ["cloudtrail:DeleteTrail"]
    resources = ["*"]
  }
}

scp "deny_stop_logging" {
  statement "DenyStopLogging" {
    effect    = "Deny"
    actions   = ["cloudtrail:StopLogging"]
    resources = ["*"]
  }
}

scp "allow_ec2" {
  statement "AllowEc2" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}

scp "allow_s3" {
  statement "AllowS3" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

user "mgmt_admin" {
  account  = account.mgmt
  policies = [policy.mgmt_admin]
}

user "prod_admin" {
  account  = account.prod1
  policies = [policy.prod_admin]
}

policy "mgmt_admin" {
  account = account.mgmt
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "prod_admin" {
  account = account.prod1
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

role "AWSServiceRoleForCloudTrail" {
  account        = account.prod1
  path           = "/aws-service-role/cloudtrail.amazonaws.com/"
  service_linked = true
  policies       = [policy.prod_admin]
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
