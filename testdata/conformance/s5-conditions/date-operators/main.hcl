# §5.2 date operators: ISO 8601 date-times or epoch seconds, compared as
# times, with aws:CurrentTime, aws:EpochTime and aws:TokenIssueTime.

account "main" { id = "111111111111" }

user "u" { policies = [policy.dates] }

policy "dates" {
  # The shape of the AWS example "Allows access based on date and time".
  statement "Window" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::window/*"]
    condition {
      test     = "DateGreaterThan"
      variable = "aws:CurrentTime"
      values   = ["2026-01-01T00:00:00Z"]
    }
    condition {
      test     = "DateLessThan"
      variable = "aws:CurrentTime"
      values   = ["2026-07-01T00:00:00Z"]
    }
  }
  statement "EpochValue" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::epoch-value/*"]
    condition {
      test     = "DateGreaterThanEquals"
      variable = "aws:CurrentTime"
      values   = ["1780315200"]
    }
  }
  statement "Equals" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::equals/*"]
    condition {
      test     = "DateEquals"
      variable = "aws:CurrentTime"
      values   = ["2026-06-01T12:00:00Z"]
    }
  }
  statement "NotEquals" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::not-equals/*"]
    condition {
      test     = "DateNotEquals"
      variable = "aws:CurrentTime"
      values   = ["2026-06-01T12:00:00Z"]
    }
  }
  statement "LessThanEquals" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::less-than-equals/*"]
    condition {
      test     = "DateLessThanEquals"
      variable = "aws:CurrentTime"
      values   = ["2026-06-01T12:00:00Z"]
    }
  }
  statement "EpochKey" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::epoch-key/*"]
    condition {
      test     = "DateGreaterThan"
      variable = "aws:EpochTime"
      values   = ["2026-01-01T00:00:00Z"]
    }
  }
  statement "TokenAge" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::token/*"]
    condition {
      test     = "DateGreaterThan"
      variable = "aws:TokenIssueTime"
      values   = ["2026-01-01T00:00:00Z"]
    }
  }
  statement "TokenNotEquals" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::token-not-equals/*"]
    condition {
      test     = "DateNotEquals"
      variable = "aws:TokenIssueTime"
      values   = ["2026-01-01T00:00:00Z"]
    }
  }
}
