# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

organization "org" {
  id                 = "o-acme4x7k2p"
  management_account = account.management
  policies           = [scp.full_aws_access, scp.deny_leave_organization]
}

unit "security" {
  # ou-ac12-sec00001 "Security"
  parent   = organization.org
  policies = [scp.security_allow_list]
}

unit "workloads" {
  # ou-ac12-wrk00001 "Workloads"
  parent   = organization.org
  policies = [scp.full_aws_access, scp.region_lock_eu]
  rcps     = [rcp.data_perimeter]
}

unit "prod" {
  # ou-ac12-prd00001 "Prod"
  parent = unit.workloads
}

unit "dev" {
  # ou-ac12-dev00001 "Dev"
  parent = unit.workloads
}

account "account_777777777777" {
  id = "777777777777"
}

account "dev" {
  id     = "333333333333"
  parent = unit.dev
}

account "management" {
  id     = "111111111111"
  parent = organization.org
}

account "prod" {
  id     = "222222222222"
  parent = unit.prod
}

account "sandbox" {
  id     = "555555555555"
  parent = unit.dev
}

account "security_audit" {
  id     = "444444444444"
  parent = unit.security
}
