user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions   = ["ec2:StartInstances"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["dev"]
    }
  }
}
