user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::reports"]
    condition {
      test     = "NumericLessThan"
      variable = "s3:prefix"
      values   = ["10"]
    }
    condition {
      test     = "StringEquals"
      variable = "s3:max-keys"
      values   = ["10"]
    }
  }
}
