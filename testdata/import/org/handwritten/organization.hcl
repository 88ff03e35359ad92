# The Acme organization of the import fixture (../authz, ../organizations),
# written by hand: the project the import must be equivalent to.

organization "org" {
  id                 = "o-acme4x7k2p"
  management_account = account.management
  policies           = [scp.full_aws_access, scp.deny_leave_organization]
}

unit "security" {
  parent   = organization.org
  policies = [scp.security_allow_list] # an allow list instead of FullAWSAccess
}

unit "workloads" {
  parent   = organization.org
  policies = [scp.full_aws_access, scp.region_lock_eu]
  rcps     = [rcp.data_perimeter]
}

unit "prod" { parent = unit.workloads }
unit "dev" { parent = unit.workloads }

account "management" {
  id     = "111111111111"
  parent = organization.org
}

account "security_audit" {
  id     = "444444444444"
  parent = unit.security
}

account "prod" {
  id     = "222222222222"
  parent = unit.prod
}

account "dev" {
  id     = "333333333333"
  parent = unit.dev
}

account "sandbox" {
  id     = "555555555555"
  parent = unit.dev
}

# A contractor's account, outside the organization.
account "account_777777777777" { id = "777777777777" }

scp "full_aws_access" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

scp "deny_leave_organization" {
  statement "DenyLeave" {
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization"]
    resources = ["*"]
  }
}

scp "region_lock_eu" {
  statement "DenyOutsideEU" {
    effect        = "Deny"
    not_actions   = ["iam:*", "organizations:*", "route53:*", "cloudfront:*", "support:*", "sts:*"]
    resources     = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1", "eu-central-1"]
    }
  }
}

scp "security_allow_list" {
  statement "AuditServices" {
    actions   = ["cloudtrail:*", "config:*", "guardduty:*", "securityhub:*", "iam:*", "sts:*", "s3:*"]
    resources = ["*"]
  }
}

rcp "data_perimeter" {
  statement "EnforceOrgIdentities" {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:*", "sqs:*", "kms:*", "secretsmanager:*"]
    resources = ["*"]
    condition {
      test     = "StringNotEqualsIfExists"
      variable = "aws:PrincipalOrgID"
      values   = ["o-acme4x7k2p"]
    }
    condition {
      test     = "BoolIfExists"
      variable = "aws:PrincipalIsAWSService"
      values   = ["false"]
    }
  }
}

# The version of AmazonS3ReadOnlyAccess the dev account's export holds (v1).
policy "aws_AmazonS3ReadOnlyAccess" {
  arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  statement {
    actions   = ["s3:Get*", "s3:List*"]
    resources = ["*"]
  }
}
