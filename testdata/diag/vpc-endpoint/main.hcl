# Mistakes in vpc_endpoint blocks: every one is reported, nothing is built.

account "app" { id = "111111111111" }

vpc_endpoint "no_id" {
  vpc     = "vpc-111aaa"
  service = "s3"
}

vpc_endpoint "bad_ids" {
  id      = "endpoint-1"
  vpc     = "subnet-1"
  service = "S3"
}

vpc_endpoint "first" {
  id      = "vpce-0a1b2c3d"
  vpc     = "vpc-111aaa"
  service = "s3"
}

vpc_endpoint "same_id" {
  id       = "vpce-0a1b2c3d"
  vpc      = "vpc-111aaa"
  services = ["s3", "dynamodb", "s3"]
}

vpc_endpoint "both" {
  id       = "vpce-0both001"
  vpc      = "vpc-111aaa"
  service  = "s3"
  services = ["s3"]
}

vpc_endpoint "neither" {
  id  = "vpce-0neither1"
  vpc = "vpc-111aaa"
}

vpc_endpoint "no_principal" {
  id      = "vpce-0nopr001"
  vpc     = "vpc-111aaa"
  service = "s3"
  policy {
    statement "Read" {
      actions   = ["s3:GetObject"]
      resources = ["*"]
    }
  }
}
