user "reader" {
  policies = [
    "arn:aws:iam::aws:policy/ReadOnlyAcess",
    "arn:aws:iam::123456789012:policy/deploy",
    policy.deploy,
  ]
  permissions_boundary = "arn:aws:iam::aws:policy/AWSLambdaRole"
}

policy "deploy" {
  statement {
    actions   = ["lambda:UpdateFunctionCode"]
    resources = ["*"]
  }
}

# An AWS managed policy belongs to no account.
policy "admin" {
  arn     = "arn:aws:iam::aws:policy/AdministratorAccess"
  account = account.default
}

policy "custom_arn" {
  arn = "arn:aws:iam::123456789012:policy/custom"
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
