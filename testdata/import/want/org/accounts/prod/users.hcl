# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

user "reporter" {
  account  = account.prod
  policies = ["arn:aws:iam::aws:policy/ReadOnlyAccess", policy.legacy-metrics]
  tags = {
    owner = "finance"
  }

  policy "OwnReports" {
    statement "WriteOwnPrefix" {
      actions   = ["s3:PutObject"]
      resources = ["arn:aws:s3:::acme-prod-data/home/$${aws:username}/*"]
    }
  }
}
