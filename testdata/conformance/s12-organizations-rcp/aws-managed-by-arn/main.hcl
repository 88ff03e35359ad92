# AWS managed policies attached by their ARN, the same ARN in two accounts,
# and an AWS managed policy as a permissions boundary. Their documents are
# AWS's (the AWS Managed Policy Reference Guide).

account "prod" { id = "111111111111" }
account "dev" { id = "222222222222" }

user "prod_reader" {
  account  = account.prod
  policies = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

group "dev_readers" {
  account  = account.dev
  policies = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

user "dev_reader" {
  account = account.dev
  groups  = [group.dev_readers]
}

user "s3_reader" {
  account  = account.prod
  policies = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", policy.upload_reports]
}

# Administrator, bounded by PowerUserAccess.
user "power" {
  account              = account.prod
  policies             = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  permissions_boundary = "arn:aws:iam::aws:policy/PowerUserAccess"
}

policy "upload_reports" {
  account = account.prod
  statement "UploadReports" {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::prod-reports/*"]
  }
}
