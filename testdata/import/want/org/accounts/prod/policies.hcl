# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

policy "app-boundary" {
  account     = account.prod
  description = "The most any application role may do"

  statement "AppData" {
    actions   = ["s3:GetObject", "s3:ListBucket", "s3:PutObject"]
    resources = ["*"]
  }

  statement "Metrics" {
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
  }
}

policy "deploy-artifacts" {
  account = account.prod
  path    = "/deploy/"

  statement "PutArtifacts" {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::acme-prod-artifacts/*"]
  }

  statement "NeverDelete" {
    effect    = "Deny"
    actions   = ["s3:DeleteObject", "s3:DeleteObjectVersion"]
    resources = ["*"]
  }
}

policy "legacy-metrics" {
  account  = account.prod
  document = file("policies/legacy-metrics.json")
}
