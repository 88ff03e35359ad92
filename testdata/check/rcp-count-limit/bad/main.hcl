organization "acme" {
  id                 = "o-acme111111"
  management_account = account.hq
  rcps               = [rcp.r1, rcp.r2, rcp.r3, rcp.r4, rcp.r5, rcp.r6]
}

account "hq" {
  id     = "100000000000"
  parent = organization.acme
}

rcp "r1" {
  statement {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:DeleteBucket"]
    resources = ["arn:aws:s3:::bucket-1"]
  }
}

rcp "r2" {
  statement {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:DeleteBucket"]
    resources = ["arn:aws:s3:::bucket-2"]
  }
}

rcp "r3" {
  statement {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:DeleteBucket"]
    resources = ["arn:aws:s3:::bucket-3"]
  }
}

rcp "r4" {
  statement {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:DeleteBucket"]
    resources = ["arn:aws:s3:::bucket-4"]
  }
}

rcp "r5" {
  statement {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:DeleteBucket"]
    resources = ["arn:aws:s3:::bucket-5"]
  }
}

rcp "r6" {
  statement {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:DeleteBucket"]
    resources = ["arn:aws:s3:::bucket-6"]
  }
}
