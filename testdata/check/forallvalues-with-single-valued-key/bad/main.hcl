user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions   = ["ec2:StartInstances"]
    resources = ["*"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["dev"]
    }
  }
}
