# A gateway endpoint for S3 whose policy keeps a data perimeter: through it,
# only resources of the endpoint's own account can be read, and only the CI
# role can write. Gateway endpoint policies must use Principal "*" and name
# principals with aws:PrincipalArn.

account "app" { id = "111111111111" }
account "data" { id = "222222222222" }

user "dev" {
  account  = account.app
  policies = [policy.s3_all]
}

role "ci" {
  account  = account.app
  policies = [policy.s3_all]
  trust {
    statement "Dev" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.dev.arn]
      }
    }
  }
}

policy "s3_all" {
  account = account.app
  statement "S3All" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "app_bucket" {
  arn     = "arn:aws:s3:::app-bucket"
  account = account.app
  policy {
    statement "PublicRead" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::app-bucket/public/*"]
    }
  }
}

resource "data_bucket" {
  arn     = "arn:aws:s3:::data-bucket"
  account = account.data
  policy {
    statement "AppAccount" {
      principals {
        type        = "AWS"
        identifiers = [account.app.id]
      }
      actions   = ["s3:GetObject", "s3:PutObject"]
      resources = ["arn:aws:s3:::data-bucket/*"]
    }
    statement "PublicRead" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::data-bucket/public/*"]
    }
  }
}

vpc_endpoint "perimeter" {
  id      = "vpce-0perim01"
  vpc     = "vpc-111aaa"
  account = account.app
  service = "s3"
  policy {
    statement "ReadOwnAccount" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject"]
      resources = ["*"]
      condition {
        test     = "StringEquals"
        variable = "aws:ResourceAccount"
        values   = [account.app.id]
      }
    }
    statement "CiWrites" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:PutObject"]
      resources = ["*"]
      condition {
        test     = "ArnEquals"
        variable = "aws:PrincipalArn"
        values   = [role.ci.arn]
      }
    }
  }
}
