user "dev" {
  policies = [policy.team]
}

policy "team" {
  statement "DevTeams" {
    actions   = ["ec2:StartInstances"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["dev-*"]
    }
  }
}
