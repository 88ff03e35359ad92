# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

user "vendor" {
  account  = account.account_777777777777
  policies = ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
}

user "bob" {
  account = account.dev
  groups  = [group.developers]
}

user "alice" {
  account = account.management
  path    = "/staff/"
  groups  = [group.Admins]
  tags = {
    team          = "platform"
    "cost-center" = "42"
  }
}

user "reporter" {
  account  = account.prod
  policies = ["arn:aws:iam::aws:policy/ReadOnlyAccess", policy.legacy-metrics]
  tags = {
    owner = "finance"
  }

  policy "OwnReports" {
    document = file("policies/prod/user/reporter/OwnReports.json")
  }
}
