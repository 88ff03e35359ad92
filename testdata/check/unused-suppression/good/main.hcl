user "dev" {
  policies = [policy.p]
}

# Suppressions next to the findings they excuse, and one for the project.
policy "p" {
  statement {
    suppress  = { REDUNDANT_ACTION = "the list mirrors the runbook, step by step" }
    actions   = ["s3:GetObject", "s3:Get*"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

policy "spare" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

check {
  suppress = { UNATTACHED_POLICY = "policies are attached by the pipeline" }
}
