# Every kind of condition value the compiler pre-parses, and policy
# variables.
user "bob" { policies = [policy.conds] }

policy "conds" {
  statement "Everything" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::home/$${aws:username}/*", "arn:aws:s3:::shared/$${aws:PrincipalTag/team, 'none'}/$${*}"]
    condition {
      test     = "StringEqualsIgnoreCase"
      variable = "aws:PrincipalTag/Team"
      values   = ["Platform"]
    }
    condition {
      test     = "ForAnyValue:StringLike"
      variable = "aws:TagKeys"
      values   = ["env-*", "exact"]
    }
    condition {
      test     = "NumericLessThanEquals"
      variable = "aws:MultiFactorAuthAge"
      values   = [3600, "1.5"]
    }
    condition {
      test     = "DateGreaterThan"
      variable = "aws:CurrentTime"
      values   = ["2026-01-01T00:00:00Z", "2026-06-01"]
    }
    condition {
      test     = "NotIpAddress"
      variable = "aws:SourceIp"
      values   = ["203.0.113.0/24", "2001:db8::1"]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:sns:*:111122223333:topic-?"]
    }
    condition {
      test     = "BoolIfExists"
      variable = "aws:MultiFactorAuthPresent"
      values   = [true]
    }
    condition {
      test     = "Null"
      variable = "aws:RequestTag/owner"
      values   = ["false"]
    }
    condition {
      test     = "StringNotEquals"
      variable = "s3:prefix"
      values   = ["home/$${aws:username}/"]
    }
  }
}
