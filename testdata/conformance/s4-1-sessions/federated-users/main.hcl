# §3.1 step 7 and §4.1: a GetFederationToken session has the intersection of
# the IAM user's policies and the session policy. A resource policy naming
# the federated-user session ARN grants directly; one naming the IAM user ARN
# is limited by the session policy.

account "main" { id = "111111111111" }

user "token_app" {
  policies = [policy.token_app]
}

# May not call GetFederationToken.
user "no_federation" {
  policies = [policy.s3_only]
}

policy "token_app" {
  statement "Federate" {
    actions   = ["sts:GetFederationToken"]
    resources = ["*"]
  }
  statement "Broadest" {
    actions   = ["s3:ListBucket", "s3:GetObject", "dynamodb:ListTables"]
    resources = ["*"]
  }
}

policy "s3_only" {
  statement "S3" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

resource "productionapp" {
  arn = "arn:aws:s3:::productionapp"
  policy {
    statement "Carol" {
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:sts::111111111111:federated-user/Carol"]
      }
      actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
      resources = ["arn:aws:s3:::productionapp/*"]
    }
  }
}

resource "userbucket" {
  arn = "arn:aws:s3:::userbucket"
  policy {
    statement "TokenAppUser" {
      principals {
        type        = "AWS"
        identifiers = [user.token_app.arn]
      }
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::userbucket/*"]
    }
  }
}
