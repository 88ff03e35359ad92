# §5.2 string operators. Each statement allows s3:GetObject on its own bucket
# when the request key aws:RequestTag/project satisfies one condition.

account "main" { id = "111111111111" }

user "u" { policies = [policy.strings] }

policy "strings" {
  statement "Equals" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::equals/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/project"
      values   = ["Apollo"]
    }
  }
  statement "EqualsStar" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::equals-star/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:RequestTag/project"
      values   = ["Apo*"]
    }
  }
  statement "NotEquals" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::not-equals/*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestTag/project"
      values   = ["Apollo"]
    }
  }
  statement "EqualsIgnoreCase" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::equals-ignore-case/*"]
    condition {
      test     = "StringEqualsIgnoreCase"
      variable = "aws:RequestTag/project"
      values   = ["Apollo"]
    }
  }
  statement "NotEqualsIgnoreCase" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::not-equals-ignore-case/*"]
    condition {
      test     = "StringNotEqualsIgnoreCase"
      variable = "aws:RequestTag/project"
      values   = ["Apollo"]
    }
  }
  statement "Like" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::like/*"]
    condition {
      test     = "StringLike"
      variable = "aws:RequestTag/project"
      values   = ["Apo*", "Gemini-?"]
    }
  }
  statement "NotLike" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::not-like/*"]
    condition {
      test     = "StringNotLike"
      variable = "aws:RequestTag/project"
      values   = ["Apo*"]
    }
  }
  statement "LikeAcross" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::like-across/*"]
    condition {
      test     = "StringLike"
      variable = "aws:RequestTag/project"
      values   = ["team:*/docs"]
    }
  }
}
