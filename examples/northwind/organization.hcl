# Northwind's AWS organization: the management account (hq), where the
# cloud team signs in, and two workload accounts, prod and dev, in one unit.

defaults {
  # Northwind works in Ireland: a request that names no region goes there,
  # as the AWS CLI configured with region = eu-west-1 sends it.
  region = "eu-west-1"
}

organization "northwind" {
  id                 = "o-nw3x7k2p9q"
  management_account = account.hq
  policies           = [scp.full_access, scp.region_lock]
  rcps               = [rcp.data_perimeter]
}

unit "workloads" {
  parent = organization.northwind
}

account "hq" {
  id     = "111100001111"
  parent = organization.northwind
}

account "prod" {
  id     = "222200002222"
  parent = unit.workloads
}

account "dev" {
  id     = "333300003333"
  parent = unit.workloads
}

# A former vendor's account, outside the organization.
account "vendor" {
  id = "444455556666"
}

# FullAWSAccess, kept beside the guardrail: an SCP list that replaces the
# default must still allow what it does not deny.
scp "full_access" {
  statement "FullAWSAccess" {
    actions   = ["*"]
    resources = ["*"]
  }
}

# "Deny access to AWS based on the requested AWS Region", verbatim from the
# AWS Organizations examples:
# https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region
scp "region_lock" {
  document = file("deny_outside_eu.json")
}

# The identity perimeter of the AWS data perimeter examples: nobody outside
# the organization reaches the member accounts' data, AWS services
# excepted. https://docs.aws.amazon.com/kms/latest/developerguide/resource-control-policies.html
rcp "data_perimeter" {
  statement "EnforceOrgIdentities" {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:*", "sqs:*", "kms:*", "secretsmanager:*", "sts:AssumeRole"]
    resources = ["*"]
    condition {
      test     = "StringNotEqualsIfExists"
      variable = "aws:PrincipalOrgID"
      values   = ["o-nw3x7k2p9q"]
    }
    condition {
      test     = "BoolIfExists"
      variable = "aws:PrincipalIsAWSService"
      values   = ["false"]
    }
  }
}
