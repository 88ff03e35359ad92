# An endpoint without a policy of its own has the default policy, which allows
# every principal every action on every resource: requests through it are
# decided by the other policies alone.

account "app" { id = "111111111111" }

user "dev" {
  policies = [policy.read]
}

user "nobody" {}

policy "read" {
  statement "Read" {
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["*"]
  }
  statement "NoSecrets" {
    effect    = "Deny"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::ours/secrets/*"]
  }
}

vpc_endpoint "s3_gateway" {
  id      = "vpce-0default0"
  vpc     = "vpc-222bbb"
  account = account.app
  service = "s3"
}
