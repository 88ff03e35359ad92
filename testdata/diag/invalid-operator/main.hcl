policy "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test     = "StringEqual"
      variable = "aws:username"
      values   = ["bob"]
    }
    condition {
      test     = "ForSomeValues:StringLike"
      variable = "aws:TagKeys"
      values   = ["a*"]
    }
  }
}
