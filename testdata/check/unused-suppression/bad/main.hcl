user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    # Nothing here is redundant, and REDUNDANT_ACTIONS is no code.
    suppress = {
      REDUNDANT_ACTION  = "kept for readability"
      REDUNDANT_ACTIONS = "kept for readability"
    }
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
}

check {
  suppress = { UNATTACHED_POLICY = "policies are attached by the pipeline" }
}
