# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

user "bob" {
  account = account.dev
  groups  = [group.developers]
}
