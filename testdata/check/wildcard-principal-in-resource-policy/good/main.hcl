resource "reports" {
  arn = "arn:aws:s3:::reports"
  policy {
    statement "OrgRead" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      condition {
        test     = "StringEquals"
        variable = "aws:PrincipalOrgID"
        values   = ["o-a1b2c3d4e5"]
      }
    }
    statement "TLSOnly" {
      effect    = "Deny"
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::reports/*"]
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      condition {
        test     = "Bool"
        variable = "aws:SecureTransport"
        values   = ["false"]
      }
    }
  }
}
