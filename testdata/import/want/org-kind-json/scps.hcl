# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

scp "full_aws_access" {
  # p-FullAWSAccess "FullAWSAccess"
  description = "Allows access to every operation"
  document    = file("policies/scp/full_aws_access.json")
}

scp "deny_leave_organization" {
  # p-denyleave01 "DenyLeaveOrganization"
  description = "No account leaves the organization"
  document    = file("policies/scp/deny_leave_organization.json")
}

scp "region_lock_eu" {
  # p-regionlk01 "Region Lock (EU)"
  description = "Workloads run in Ireland and Frankfurt"
  document    = file("policies/scp/region_lock_eu.json")
}

scp "security_allow_list" {
  # p-secallow01 "SecurityAllowList"
  description = "The security unit runs audit services only"
  document    = file("policies/scp/security_allow_list.json")
}
