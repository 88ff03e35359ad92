# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

user "vendor" {
  account  = account.account_777777777777
  policies = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
}
