# What the authorization details cannot say, added by hand beside the
# import (a re-import never touches this file): prod's data bucket, whose
# bucket policy still grants the contractor's account read access.

resource "prod_data" {
  arn     = "arn:aws:s3:::acme-prod-data"
  account = account.prod
  policy {
    statement "LegacyContractor" {
      principals {
        type        = "AWS"
        identifiers = ["777777777777"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::acme-prod-data/*"]
    }
  }
}
