# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

scp "full_aws_access" {
  # p-FullAWSAccess "FullAWSAccess"
  description = "Allows access to every operation"

  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

scp "deny_leave_organization" {
  # p-denyleave01 "DenyLeaveOrganization"
  description = "No account leaves the organization"

  statement "DenyLeave" {
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization"]
    resources = ["*"]
  }
}

scp "region_lock_eu" {
  # p-regionlk01 "Region Lock (EU)"
  description = "Workloads run in Ireland and Frankfurt"

  statement "DenyOutsideEU" {
    effect = "Deny"
    not_actions = [
      "iam:*",
      "organizations:*",
      "route53:*",
      "cloudfront:*",
      "support:*",
      "sts:*",
    ]
    resources = ["*"]

    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = ["eu-west-1", "eu-central-1"]
    }
  }
}

scp "security_allow_list" {
  # p-secallow01 "SecurityAllowList"
  description = "The security unit runs audit services only"

  statement "AuditServices" {
    actions = [
      "cloudtrail:*",
      "config:*",
      "guardduty:*",
      "securityhub:*",
      "iam:*",
      "sts:*",
      "s3:*",
    ]
    resources = ["*"]
  }
}
