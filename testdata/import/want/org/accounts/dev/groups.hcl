# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

group "developers" {
  account  = account.dev
  policies = ["arn:aws:iam::aws:policy/PowerUserAccess"]

  policy "DenyProdData" {
    statement "NoProdData" {
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::acme-prod-data", "arn:aws:s3:::acme-prod-data/*"]
    }
  }
}
