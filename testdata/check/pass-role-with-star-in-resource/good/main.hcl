user "deployer" {
  policies = [policy.deploy]
}

policy "deploy" {
  statement "PassLambdaRole" {
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::123456789012:role/lambda-exec"]
  }
  statement "PassToLambdaOnly" {
    actions   = ["iam:PassRole"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["lambda.amazonaws.com"]
    }
  }
  statement "CreateFunctions" {
    actions   = ["lambda:CreateFunction"]
    resources = ["*"]
  }
}
