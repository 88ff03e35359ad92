test "bucket/* matches objects at any depth" {
  for_each = {
    top    = "arn:aws:s3:::reports/q1.csv"
    nested = "arn:aws:s3:::reports/2026/q1/summary.csv"
    empty  = "arn:aws:s3:::reports/"
  }
  principal        = user.objects
  action           = "s3:GetObject"
  resource         = each.value
  expect           = "allow"
  expect_statement = policy.objects.statement.Objects
  doc              = "docs/semantics.md §2.2: `*` spans `/`: arn:aws:s3:::bucket/* matches bucket/a/b/c; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html"
}

test "an object pattern does not match the bucket ARN" {
  principal = user.objects
  action    = "s3:ListBucket"
  resource  = "arn:aws:s3:::reports"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2.2: a bucket ARN arn:aws:s3:::b does not match object ARNs arn:aws:s3:::b/k (and the reverse)"
}

test "a bucket pattern does not match object ARNs" {
  principal = user.bucket
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::reports/q1.csv"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2.2: a bucket ARN does not match object ARNs"
}

test "a bucket pattern matches the bucket" {
  principal        = user.bucket
  action           = "s3:ListBucket"
  resource         = "arn:aws:s3:::reports"
  expect           = "allow"
  expect_statement = policy.bucket.statement.Bucket
  doc              = "docs/semantics.md §2.2: an ARN without wildcards matches exactly that resource"
}

test "the pattern does not match another bucket with the same prefix" {
  principal = user.objects
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::reports-archive/q1.csv"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2.2: the pattern reports/* requires the literal `reports/`"
}

test "resource ARNs are case-sensitive" {
  for_each = {
    exact = { resource = "arn:aws:s3:::reports/Finance/q1.csv", expect = "allow" }
    lower = { resource = "arn:aws:s3:::reports/finance/q1.csv", expect = "implicit_deny" }
    upper = { resource = "arn:aws:s3:::reports/FINANCE/q1.csv", expect = "implicit_deny" }
  }
  principal = user.prefix
  action    = "s3:GetObject"
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "docs/semantics.md §2.2: resource matching is case-sensitive (S3 key Reports/ ≠ reports/); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html"
}

test "? in a resource matches exactly one character" {
  for_each = {
    one_char  = { resource = "arn:aws:s3:::logs/2026-05.txt", expect = "allow" }
    two_chars = { resource = "arn:aws:s3:::logs/2026-105.txt", expect = "implicit_deny" }
    no_char   = { resource = "arn:aws:s3:::logs/2026-0.txt", expect = "implicit_deny" }
  }
  principal = user.qmark
  action    = "s3:GetObject"
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "docs/semantics.md §2.2: `*` and `?` are wildcards within ARN segments; `?` matches one character"
}

test "* spans : inside the resource part" {
  for_each = {
    stream = { resource = "arn:aws:logs:us-east-1:111111111111:log-group:app:log-stream:web-1", expect = "allow" }
    # the log group `app-old` does not start with `app:`
    other_group = { resource = "arn:aws:logs:us-east-1:111111111111:log-group:app-old:log-stream:web-1", expect = "implicit_deny" }
    # a different region segment
    other_region = { resource = "arn:aws:logs:eu-west-1:111111111111:log-group:app:log-stream:web-1", expect = "implicit_deny" }
  }
  principal = user.logs
  action    = "logs:PutLogEvents"
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "docs/semantics.md §2.2: `*` spans `/` and `:` inside the resource part; the region segment must match"
}

test "* in the region segment" {
  for_each = {
    us_east_1 = { resource = "arn:aws:dynamodb:us-east-1:111111111111:table/Books", expect = "allow" }
    eu_west_1 = { resource = "arn:aws:dynamodb:eu-west-1:111111111111:table/Books", expect = "allow" }
    other_account = { resource = "arn:aws:dynamodb:us-east-1:222222222222:table/Books", expect = "implicit_deny" }
    other_table   = { resource = "arn:aws:dynamodb:us-east-1:111111111111:table/Books2", expect = "implicit_deny" }
  }
  principal = user.regions
  action    = "dynamodb:GetItem"
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "docs/semantics.md §2.2: wildcards within ARN segments; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html"
}

test "user/* matches users with a path" {
  for_each = {
    plain = "arn:aws:iam::111111111111:user/alice"
    path  = "arn:aws:iam::111111111111:user/division/team/bob"
  }
  principal        = user.iam
  action           = "iam:GetUser"
  resource         = each.value
  expect           = "allow"
  expect_statement = policy.iam_users.statement.Users
  doc              = "docs/semantics.md §2.2: `*` spans `/` in the resource part"
}

test "an empty region segment is not matched by a named region" {
  principal = user.iam
  action    = "iam:GetUser"
  resource  = "arn:aws:iam:us-east-1:111111111111:user/alice"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2.2: an empty region or account segment must be matched by an empty or `*` segment (and an empty pattern segment matches only an empty one)"
}
