# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

account "account_123456789012" {
  id = "123456789012"
}
