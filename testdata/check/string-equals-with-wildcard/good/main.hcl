user "dev" {
  policies = [policy.team]
}

policy "team" {
  statement "DevTeams" {
    actions   = ["ec2:StartInstances"]
    resources = ["*"]
    condition {
      test     = "StringLike"
      variable = "aws:PrincipalTag/team"
      values   = ["dev-*"]
    }
  }
  statement "OwnInstances" {
    actions   = ["ec2:StopInstances"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/owner"
      values   = ["$${aws:username}", "literal-$${*}"]
    }
  }
}
