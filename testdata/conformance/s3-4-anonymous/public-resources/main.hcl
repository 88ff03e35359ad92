# §3.4: an anonymous request is allowed only by a resource-based policy whose
# Principal is "*" (or {"AWS": "*"}).

account "main" { id = "111111111111" }

resource "website" {
  arn = "arn:aws:s3:::website"
  policy {
    document = file("website.json")
  }
}

resource "aws_star" {
  arn = "arn:aws:s3:::aws-star"
  policy {
    statement "AwsStar" {
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::aws-star/*"]
    }
  }
}

resource "account_only" {
  arn = "arn:aws:s3:::account-only"
  policy {
    statement "Account" {
      principals {
        type        = "AWS"
        identifiers = [account.main.id]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::account-only/*"]
    }
  }
}

resource "office_only" {
  arn = "arn:aws:s3:::office-only"
  policy {
    statement "FromOffice" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::office-only/*"]
      condition {
        test     = "IpAddress"
        variable = "aws:SourceIp"
        values   = ["203.0.113.0/24"]
      }
    }
  }
}

# Public statements scoped by principal keys, which anonymous requests lack.
resource "scoped" {
  arn = "arn:aws:s3:::scoped"
  policy {
    statement "OnlyOrgAccount" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::scoped/account/*"]
      condition {
        test     = "StringEquals"
        variable = "aws:PrincipalAccount"
        values   = ["111111111111"]
      }
    }
    statement "OnlyUnsigned" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::scoped/unsigned/*"]
      condition {
        test     = "Null"
        variable = "aws:PrincipalArn"
        values   = ["true"]
      }
    }
  }
}
