# The time of a request is AWS's clock: aws:CurrentTime and aws:EpochTime.
# A test sets it with `time`. Date windows as in the IAM User Guide example
# "AWS: Allows access based on date and time".

account "main" { id = "111111111111" }

user "contractor" {
  policies = [policy.second_quarter, policy.freeze, policy.tagging_until_july]
}

policy "second_quarter" {
  statement "SecondQuarter" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test     = "DateGreaterThan"
      variable = "aws:CurrentTime"
      values   = ["2026-04-01T00:00:00Z"]
    }
    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = ["2026-06-30T23:59:59Z"]
    }
  }

  # The same window in epoch seconds (2026-04-01 and 2026-07-01).
  statement "SecondQuarterEpoch" {
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["*"]
    condition {
      test     = "DateGreaterThanEquals"
      variable = "aws:EpochTime"
      values   = ["1775001600"]
    }
    condition {
      test     = "DateLessThan"
      variable = "aws:EpochTime"
      values   = ["1782864000"]
    }
  }
}

# aws:EpochTime read as a number: no tagging after 2026-07-01.
policy "tagging_until_july" {
  statement "TaggingUntilJuly" {
    actions   = ["s3:PutObjectTagging"]
    resources = ["*"]
    condition {
      test     = "NumericLessThan"
      variable = "aws:EpochTime"
      values   = ["1782864000"]
    }
  }
}

# No deletions during the change freeze of the last week of June.
policy "freeze" {
  statement "ChangeFreeze" {
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
    condition {
      test     = "DateGreaterThanEquals"
      variable = "aws:CurrentTime"
      values   = ["2026-06-24T00:00:00Z"]
    }
  }
}
