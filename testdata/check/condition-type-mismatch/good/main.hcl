user "dev" {
  policies = [policy.p]
}

policy "p" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::reports"]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["home/*"]
    }
    condition {
      test     = "NumericLessThanEquals"
      variable = "s3:max-keys"
      values   = ["10"]
    }
  }
}
