# §5.2 numeric operators: integer or decimal comparison (1.0 == 1). The key is
# s3:max-keys, given in the request context.

account "main" { id = "111111111111" }

user "u" { policies = [policy.numbers] }

policy "numbers" {
  statement "Equals" {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::equals"]
    condition {
      test     = "NumericEquals"
      variable = "s3:max-keys"
      values   = ["10"]
    }
  }
  statement "NotEquals" {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::not-equals"]
    condition {
      test     = "NumericNotEquals"
      variable = "s3:max-keys"
      values   = [10]
    }
  }
  statement "LessThan" {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::less-than"]
    condition {
      test     = "NumericLessThan"
      variable = "s3:max-keys"
      values   = ["10"]
    }
  }
  statement "LessThanEquals" {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::less-than-equals"]
    condition {
      test     = "NumericLessThanEquals"
      variable = "s3:max-keys"
      values   = ["10"]
    }
  }
  statement "GreaterThan" {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::greater-than"]
    condition {
      test     = "NumericGreaterThan"
      variable = "s3:max-keys"
      values   = ["10"]
    }
  }
  statement "GreaterThanEquals" {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::greater-than-equals"]
    condition {
      test     = "NumericGreaterThanEquals"
      variable = "s3:max-keys"
      values   = ["10"]
    }
  }
  statement "Decimal" {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::decimal"]
    condition {
      test     = "NumericEquals"
      variable = "s3:max-keys"
      values   = ["1.0"]
    }
  }
  statement "LessThanIfExists" {
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::less-than-if-exists"]
    condition {
      test     = "NumericLessThanIfExists"
      variable = "s3:max-keys"
      values   = ["10"]
    }
  }
}
