# Two VPC endpoints: a gateway endpoint for S3 and DynamoDB with an endpoint
# policy, and an STS endpoint with the default policy (no policy block). The
# model lists them under endpoints by ID; the endpoint policy is a policy set
# of its own.

account "app" { id = "111111111111" }

user "dev" {
  policies = [policy.read]
}

policy "read" {
  statement "Read" {
    actions   = ["s3:GetObject", "dynamodb:GetItem"]
    resources = ["*"]
  }
}

vpc_endpoint "gateway" {
  id       = "vpce-0a1b2c3d"
  vpc      = "vpc-111aaa"
  services = ["s3", "dynamodb"]
  policy {
    statement "OnlyOurs" {
      principals {
        type        = "*"
        identifiers = ["*"]
      }
      actions   = ["s3:GetObject", "dynamodb:GetItem"]
      resources = ["arn:aws:s3:::ours/*", "arn:aws:dynamodb:eu-west-1:111111111111:table/ours"]
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

vpc_endpoint "sts" {
  id      = "vpce-0sts0001"
  vpc     = "vpc-111aaa"
  service = "sts"
}
