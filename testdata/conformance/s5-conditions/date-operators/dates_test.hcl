test "a date window with DateGreaterThan and DateLessThan" {
  for_each = {
    before = { now = "2025-12-31T23:59:59Z", expect = "implicit_deny" }
    inside = { now = "2026-03-15T10:00:00Z", expect = "allow" }
    after  = { now = "2026-07-01T00:00:01Z", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::window/f"
  time      = each.value.now
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1 (operators ANDed) and §5.2 (date operators); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws-dates.html"
}

test "a policy date given in epoch seconds" {
  for_each = {
    # 1780315200 is 2026-06-01T12:00:00Z
    before = { now = "2026-06-01T11:59:59Z", expect = "implicit_deny" }
    equal  = { now = "2026-06-01T12:00:00Z", expect = "allow" }
    after  = { now = "2026-06-02T00:00:00Z", expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::epoch-value/f"
  time      = each.value.now
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: date values are ISO 8601 date-times or epoch seconds; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date"
}

test "DateEquals compares instants" {
  for_each = {
    same          = { now = "2026-06-01T12:00:00Z", expect = "allow" }
    same_instant  = { now = "2026-06-01T14:00:00+02:00", expect = "allow" }
    one_second    = { now = "2026-06-01T12:00:01Z", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::equals/f"
  time      = each.value.now
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: date operators are a time comparison (W3C ISO 8601 date-times, with offsets)"
}

test "DateNotEquals" {
  for_each = {
    same  = { now = "2026-06-01T12:00:00Z", expect = "implicit_deny" }
    other = { now = "2026-06-01T12:30:00Z", expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::not-equals/f"
  time      = each.value.now
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: DateNotEquals negates DateEquals"
}

test "DateLessThanEquals includes the boundary" {
  for_each = {
    equal = { now = "2026-06-01T12:00:00Z", expect = "allow" }
    after = { now = "2026-06-01T12:00:01Z", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::less-than-equals/f"
  time      = each.value.now
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: DateLessThanEquals"
}

test "aws:EpochTime against an ISO date" {
  for_each = {
    after  = { epoch = "1780315200", now = "2026-06-01T12:00:00Z", expect = "allow" }
    before = { epoch = "1767225599", now = "2025-12-31T23:59:59Z", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::epoch-key/f"
  time      = each.value.now
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: date operators are used with aws:EpochTime; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-epochtime"
}

test "aws:TokenIssueTime is absent for long-term keys" {
  for_each = {
    positive = { bucket = "token", expect = "implicit_deny" }
    negated  = { bucket = "token-not-equals", expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value.bucket}/f"
  time      = "2026-06-01T12:00:00Z"
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: absent key: ordinary operators false, negated operators true; aws:TokenIssueTime exists only for temporary credentials (reference_policies_condition-keys.html#condition-keys-tokenissuetime)"
}
