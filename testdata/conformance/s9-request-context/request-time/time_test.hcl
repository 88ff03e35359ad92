test "inside and outside a date window" {
  for_each = {
    before = { at = "2026-03-31T23:59:59Z", expect = "implicit_deny" }
    start  = { at = "2026-04-01T00:00:00Z", expect = "implicit_deny" }
    inside = { at = "2026-05-15T09:30:00Z", expect = "allow" }
    last   = { at = "2026-06-30T23:59:58Z", expect = "allow" }
    end    = { at = "2026-06-30T23:59:59Z", expect = "implicit_deny" }
    after  = { at = "2026-07-01T00:00:00Z", expect = "implicit_deny" }
  }
  principal = user.contractor
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::reports/q2.csv"
  time      = each.value.at
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws-dates.html (DateGreaterThan and DateLessThan on aws:CurrentTime); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date: DateGreaterThan and DateLessThan are strict, so neither bound itself is inside"
}

test "a window in epoch seconds" {
  for_each = {
    before = { at = "2026-03-31T23:59:59Z", expect = "implicit_deny" }
    start  = { at = "2026-04-01T00:00:00Z", expect = "allow" }
    inside = { at = "2026-05-15T09:30:00Z", expect = "allow" }
    end    = { at = "2026-07-01T00:00:00Z", expect = "implicit_deny" }
  }
  principal = user.contractor
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::reports/q2.csv"
  time      = each.value.at
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-epochtime: aws:EpochTime is the request time in epoch seconds; docs/semantics.md §5.2: Date values are ISO 8601 date-times or epoch seconds (1775001600 = 2026-04-01T00:00:00Z, 1782864000 = 2026-07-01T00:00:00Z)"
}

test "a Deny from a date on" {
  for_each = {
    before_freeze = { at = "2026-06-23T23:59:59Z", expect = "allow" }
    freeze_starts = { at = "2026-06-24T00:00:00Z", expect = "explicit_deny" }
    during_freeze = { at = "2026-06-28T12:00:00Z", expect = "explicit_deny" }
  }
  principal = user.contractor
  action    = "s3:DeleteObject"
  resource  = "arn:aws:s3:::reports/q2.csv"
  time      = each.value.at
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2 (DateGreaterThanEquals includes its bound) and §2 (Deny beats Allow); reference_policies_condition-keys.html#condition-keys-currenttime: aws:CurrentTime is 'always included in the request context'"
}

test "a Deny from a date on, after the window closed" {
  principal        = user.contractor
  action           = "s3:DeleteObject"
  resource         = "arn:aws:s3:::reports/q2.csv"
  time             = "2026-07-02T00:00:00Z"
  expect           = "explicit_deny"
  expect_statement = policy.freeze.statement.ChangeFreeze
  doc              = "docs/semantics.md §2: an applicable Deny is an explicit deny whether or not an Allow matches"
}

test "aws:EpochTime with a numeric operator" {
  for_each = {
    before = { at = "2026-06-30T23:59:59Z", expect = "allow" }
    at     = { at = "2026-07-01T00:00:00Z", expect = "implicit_deny" }
  }
  principal = user.contractor
  action    = "s3:PutObjectTagging"
  resource  = "arn:aws:s3:::reports/q2.csv"
  time      = each.value.at
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-epochtime: aws:EpochTime has the data types 'Date, Numeric'; NumericLessThan 1782864000 (2026-07-01T00:00:00Z) is false from that second on"
}
