# A VPC endpoint policy is a resource-based policy on the endpoint. A request
# made through the endpoint must be allowed by it as well as by the caller's
# and the resource's policies; a Deny in it applies; it grants nothing by
# itself. Requests that do not go through the endpoint never see it.

account "app" { id = "111111111111" }

user "dev" {
  policies = [policy.s3_all]
}

user "nobody" {}

policy "s3_all" {
  statement "S3All" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

vpc_endpoint "s3_gateway" {
  id      = "vpce-1a2b3c4d"
  vpc     = "vpc-111aaa"
  account = account.app
  service = "s3"
  policy {
    statement "OnlyOurBucket" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket"]
      resources = ["arn:aws:s3:::ours", "arn:aws:s3:::ours/*"]
    }
    statement "NoDeletes" {
      effect = "Deny"
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:DeleteObject"]
      resources = ["*"]
    }
  }
}
