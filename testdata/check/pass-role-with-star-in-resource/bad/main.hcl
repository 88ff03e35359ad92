user "deployer" {
  policies = [policy.deploy]
}

policy "deploy" {
  statement "PassAnyRole" {
    actions   = ["iam:PassRole", "lambda:CreateFunction"]
    resources = ["*"]
  }
}
