# Production reports, shared with the dev account. The vendor's grant is a
# leftover of a finished contract: iamc check reports it as external
# access, and the organization's data perimeter (rcp.data_perimeter) denies
# it whatever the bucket policy says.
resource "reports" {
  arn     = "arn:aws:s3:::northwind-reports"
  account = account.prod
  policy {
    statement "DevReads" {
      principals {
        type        = "AWS"
        identifiers = [account.dev.id]
      }
      actions   = ["s3:GetObject", "s3:ListBucket"]
      resources = ["arn:aws:s3:::northwind-reports", "arn:aws:s3:::northwind-reports/*"]
    }
    statement "LegacyVendor" {
      suppress = { EXTERNAL_ACCESS = "finished contract; the data perimeter RCP denies it, and the grant goes with OPS-311" }
      principals {
        type        = "AWS"
        identifiers = [account.vendor.id]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::northwind-reports/*"]
    }
  }
}
