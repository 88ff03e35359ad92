# The cloud team works from the management account and reaches the
# workload accounts through OrganizationAccountAccessRole, the role AWS
# Organizations creates in every account it creates, with
# AdministratorAccess and trusted by the management account:
# https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_access-cross-account-role.html

user "ops" {
  account  = account.hq
  policies = [policy.assume_org_access]
  suppress = { PRIVILEGE_ESCALATION = "ops administers the organization: it reaches every account's OrganizationAccountAccessRole by design" }
}

policy "assume_org_access" {
  account = account.hq
  statement "AssumeOrganizationAccountAccessRole" {
    actions   = ["sts:AssumeRole"]
    resources = ["arn:aws:iam::*:role/OrganizationAccountAccessRole"]
  }
}

role "prod_admin" {
  account  = account.prod
  name     = "OrganizationAccountAccessRole"
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  trust {
    statement "ManagementAccount" {
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
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  trust {
    statement "ManagementAccount" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.hq.id]
      }
    }
  }
}

# Alice builds in dev and reads in prod: an IAM user in each account, both
# named alice. Both accounts make every user sign in with MFA before doing
# anything else (AWS's example policy, force_mfa.json).

user "alice_dev" {
  account = account.dev
  name    = "alice"
  groups  = [group.developers]
}

group "developers" {
  account  = account.dev
  policies = ["arn:aws:iam::aws:policy/PowerUserAccess", policy.force_mfa_dev]
}

user "alice_prod" {
  account  = account.prod
  name     = "alice"
  policies = ["arn:aws:iam::aws:policy/ReadOnlyAccess", policy.force_mfa_prod]
}

# "IAM: Allows IAM users to self-manage an MFA device", verbatim:
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_iam_mfa-selfmanage.html
# One copy per account, both named ForceMFA.
policy "force_mfa_dev" {
  account  = account.dev
  name     = "ForceMFA"
  document = file("force_mfa.json")
}

policy "force_mfa_prod" {
  account  = account.prod
  name     = "ForceMFA"
  document = file("force_mfa.json")
}

# A former vendor's auditor, in the vendor's own account.
user "auditor" {
  account  = account.vendor
  policies = [policy.vendor_read]
}

policy "vendor_read" {
  account = account.vendor
  statement "ReadReports" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::northwind-reports/*"]
  }
}
