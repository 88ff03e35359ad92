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
      values   = ["home/"]
    }
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["203.0.113.0/24"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["data"]
    }
  }
}
