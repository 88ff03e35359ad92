# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

policy "app-boundary" {
  account     = account.prod
  description = "The most any application role may do"
  document    = file("policies/prod/app-boundary.json")
}

policy "deploy-artifacts" {
  account  = account.prod
  path     = "/deploy/"
  document = file("policies/prod/deploy-artifacts.json")
}

policy "legacy-metrics" {
  account  = account.prod
  document = file("policies/prod/legacy-metrics.json")
}
