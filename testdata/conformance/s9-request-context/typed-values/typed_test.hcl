test "a tag value given as a list" {
  for_each = {
    neither_is_prod = ["dev", "qa"]
    one_is_prod     = ["dev", "prod"]
  }
  principal = user.dev
  action    = "ec2:CreateTags"
  resource  = "arn:aws:ec2:eu-west-1:111111111111:instance/i-0abc"
  context   = { "aws:RequestTag/env" = each.value }
  expect    = "deny"
  doc       = "docs/semantics.md §9: 'A value of the wrong type, a list for a single-valued key, an object or a null is an error, never a condition that silently does not match'; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requesttag: aws:RequestTag/tag-key is String, single-valued, 'there is one context key for each tag key-value pair'"
}

test "a tag value given as an object" {
  principal = user.dev
  action    = "ec2:CreateTags"
  resource  = "arn:aws:ec2:eu-west-1:111111111111:instance/i-0abc"
  context   = { "aws:RequestTag/env" = { value = "dev" } }
  expect    = "deny"
  doc       = "docs/semantics.md §9: an object is an error, and an error is a deny"
}

test "a well-formed tag value" {
  for_each = {
    dev  = { env = "dev", expect = "allow" }
    prod = { env = "prod", expect = "explicit_deny" }
  }
  principal = user.dev
  action    = "ec2:CreateTags"
  resource  = "arn:aws:ec2:eu-west-1:111111111111:instance/i-0abc"
  context   = { "aws:RequestTag/env" = each.value.env }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2 (StringEquals: exact string equality) and §2 (Deny beats Allow)"
}

test "a number that is not a number" {
  for_each  = toset(["abc", "ten", ""])
  principal = user.dev
  action    = "s3:ListBucket"
  resource  = "arn:aws:s3:::reports"
  context   = { "s3:max-keys" = each.value }
  expect    = "deny"
  doc       = "docs/semantics.md §9: 'a value must be a number for Numeric…'; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric: Numeric operators compare 'a key to an integer or decimal value'"
}

test "a well-formed number" {
  for_each = {
    small   = { keys = "50", expect = "allow" }
    equal   = { keys = "100", expect = "allow" }
    decimal = { keys = "100.5", expect = "explicit_deny" }
    large   = { keys = "1000", expect = "explicit_deny" }
  }
  principal = user.dev
  action    = "s3:ListBucket"
  resource  = "arn:aws:s3:::reports"
  context   = { "s3:max-keys" = each.value.keys }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: Numeric operators are an integer or decimal comparison; NumericGreaterThan 100 is false at 100"
}

test "a boolean that is not a boolean" {
  for_each  = toset(["yes", "no", "1"])
  principal = user.dev
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::reports/q1.csv"
  context   = { "aws:SecureTransport" = each.value }
  expect    = "deny"
  doc       = "docs/semantics.md §9: a value must be 'true/false for Bool'; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport: aws:SecureTransport is Boolean"
}

test "a well-formed boolean" {
  for_each = {
    https = { secure = "true", expect = "allow" }
    http  = { secure = "false", expect = "explicit_deny" }
  }
  principal = user.dev
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::reports/q1.csv"
  context   = { "aws:SecureTransport" = each.value.secure }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2 (Bool: \"true\"/\"false\") and §2 (Deny beats Allow)"
}

test "an address that is not an address" {
  for_each  = toset(["not-an-ip", "198.51.100", "198.51.100.300"])
  principal = user.dev
  action    = "s3:DeleteObject"
  resource  = "arn:aws:s3:::reports/q1.csv"
  context   = { "aws:SourceIp" = each.value }
  expect    = "deny"
  doc       = "docs/semantics.md §9: a value must be 'an address for IpAddress'; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip: aws:SourceIp is an IP address"
}

test "an address given as a list" {
  principal = user.dev
  action    = "s3:DeleteObject"
  resource  = "arn:aws:s3:::reports/q1.csv"
  context   = { "aws:SourceIp" = ["203.0.113.5", "203.0.113.6"] }
  expect    = "deny"
  doc       = "docs/semantics.md §9: a list for a single-valued key is an error; aws:SourceIp is single-valued (reference_policies_condition-keys.html#condition-keys-sourceip)"
}

test "a well-formed address" {
  for_each = {
    allowed_network = { ip = "203.0.113.5", expect = "allow" }
    blocked_network = { ip = "198.51.100.7", expect = "explicit_deny" }
  }
  principal = user.dev
  action    = "s3:DeleteObject"
  resource  = "arn:aws:s3:::reports/q1.csv"
  context   = { "aws:SourceIp" = each.value.ip }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2 (IpAddress: CIDR containment)"
}

test "a date that is not a date" {
  for_each  = toset(["someday", "2031-13-45T00:00:00Z"])
  principal = user.dev
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::reports/q1.csv"
  context   = { "s3:object-lock-retain-until-date" = each.value }
  expect    = "deny"
  doc       = "docs/semantics.md §9: a value must be 'a date for Date…'; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date: date values use the W3C implementations of ISO 8601"
}

test "a well-formed date" {
  for_each = {
    before_2030 = { until = "2027-01-01T00:00:00Z", expect = "allow" }
    after_2030  = { until = "2031-01-01T00:00:00Z", expect = "explicit_deny" }
  }
  principal = user.dev
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::reports/q1.csv"
  context   = { "s3:object-lock-retain-until-date" = each.value.until }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2 (Date operators compare times)"
}

test "a multivalued key takes a list" {
  for_each = {
    without_owner = { keys = ["env", "team"], expect = "allow" }
    with_owner    = { keys = ["env", "owner"], expect = "explicit_deny" }
  }
  principal = user.dev
  action    = "ec2:RunInstances"
  resource  = "*"
  context   = { "aws:TagKeys" = each.value.keys }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.3: aws:TagKeys is multivalued; ForAnyValue is true if at least one request value matches"
}

test "an Allow on a single-valued key given a list" {
  principal = user.regional
  action    = "ec2:DescribeInstances"
  resource  = "*"
  context   = { "aws:RequestedRegion" = ["eu-west-1", "us-east-1"] }
  expect    = "deny"
  doc       = "docs/semantics.md §9: a list for a single-valued key is an error, never a condition that matches one of its values; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-requestedregion: aws:RequestedRegion is String, single-valued (a request goes to one Region)"
}

test "an Allow on a single-valued key given one value" {
  for_each = {
    eu = { region = "eu-west-1", expect = "allow" }
    us = { region = "us-east-1", expect = "implicit_deny" }
  }
  principal = user.regional
  action    = "ec2:DescribeInstances"
  resource  = "*"
  context   = { "aws:RequestedRegion" = each.value.region }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2 (StringEquals) and §3.1 step 5 (no identity allow: implicit deny)"
}
