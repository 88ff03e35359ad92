organization "acme" {
  id   = "o-acme111111"
  rcps = [rcp.bad, policy.p]
}

account "app" {
  id     = "111111111111"
  parent = organization.acme
}

policy "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

rcp "bad" {
  version = "2008-10-17"
  statement "AllowIsReserved" {
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:*"]
    resources = ["*"]
  }
  statement "NoNotAction" {
    effect = "Deny"
    principals {
      type        = "AWS"
      identifiers = ["111111111111"]
    }
    not_actions = ["s3:GetObject"]
    resources   = ["*"]
  }
  statement "NoNotPrincipal" {
    effect = "Deny"
    not_principals {
      type        = "AWS"
      identifiers = ["111111111111"]
    }
    actions   = ["s3:DeleteBucket"]
    resources = ["*"]
  }
  statement "NoPrincipal" {
    effect    = "Deny"
    actions   = ["s3:DeleteBucket"]
    resources = ["*"]
  }
}
