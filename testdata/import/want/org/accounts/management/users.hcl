# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

user "alice" {
  account = account.management
  path    = "/staff/"
  groups  = [group.Admins]
  tags = {
    team          = "platform"
    "cost-center" = "42"
  }
}
