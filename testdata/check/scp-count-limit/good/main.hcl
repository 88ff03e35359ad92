organization "acme" {
}

account "shop" {
  id       = "111122223333"
  parent   = organization.acme
  policies = [scp.s1, scp.s2, scp.s3, scp.s4, scp.s5]
}

scp "s1" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

scp "s2" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

scp "s3" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

scp "s4" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

scp "s5" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}
