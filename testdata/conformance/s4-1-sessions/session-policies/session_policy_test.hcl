test "allowed by the role and by the session policy" {
  principal = user.alice
  assume    = role.Analyst
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::reports/q1.csv"
  session_policy {
    statement "OnlyReports" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
    }
  }
  expect           = "allow"
  expect_statement = policy.analyst.statement.S3AndAthena
  doc              = "docs/semantics.md §3.1 steps 5 and 7; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session: 'The permissions for a session are the intersection of the identity-based policies for the IAM entity (user or role) used to create the session and the session policies.'"
}

test "allowed by the role, outside the session policy" {
  for_each = {
    other_action = { action = "s3:PutObject", resource = "arn:aws:s3:::reports/q1.csv" }
    other_bucket = { action = "s3:GetObject", resource = "arn:aws:s3:::finance/q1.csv" }
    other_svc    = { action = "athena:StartQueryExecution", resource = "*" }
  }
  principal = user.alice
  assume    = role.Analyst
  action    = each.value.action
  resource  = each.value.resource
  session_policy {
    statement "OnlyReports" {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::reports/*"]
    }
  }
  expect = "implicit_deny"
  doc    = "docs/semantics.md §3.1 step 7: the session policy must allow, else implicit deny"
}

test "a session policy cannot grant beyond the role" {
  principal = user.alice
  assume    = role.Analyst
  action    = "iam:CreateUser"
  resource  = "*"
  session_policy {
    document = file("narrow.json")
  }
  expect = "implicit_deny"
  doc    = "docs/semantics.md §4.1 and §8 rule 2: session policies can only narrow; STS AssumeRole API reference: 'You cannot use session policies to grant more permissions than those allowed by the identity-based policy of the role that is being assumed.'"
}

test "a session policy given as a JSON document" {
  for_each = {
    list_bucket = { action = "s3:ListBucket", resource = "arn:aws:s3:::reports", expect = "allow" }
    get_object  = { action = "s3:GetObject", resource = "arn:aws:s3:::reports/a", expect = "allow" }
    put_object  = { action = "s3:PutObject", resource = "arn:aws:s3:::reports/a", expect = "implicit_deny" }
  }
  principal = user.alice
  assume    = role.Analyst
  action    = each.value.action
  resource  = each.value.resource
  session_policy {
    document = file("narrow.json")
  }
  expect = each.value.expect
  doc    = "docs/semantics.md §3.1 steps 5 and 7: role policy ∩ session policy"
}

test "a Deny in the session policy is an explicit deny" {
  principal = user.alice
  assume    = role.Analyst
  action    = "s3:DeleteObject"
  resource  = "arn:aws:s3:::reports/q1.csv"
  session_policy {
    statement "AllowAll" {
      actions   = ["*"]
      resources = ["*"]
    }
    statement "NoDeletes" {
      effect    = "Deny"
      actions   = ["s3:Delete*"]
      resources = ["*"]
    }
  }
  expect = "explicit_deny"
  doc    = "docs/semantics.md §3.1 step 1: any applicable Deny in the session policy is an explicit deny"
}

test "a session policy allowing everything leaves the role's permissions" {
  for_each = {
    s3  = { action = "s3:PutObject", expect = "allow" }
    ec2 = { action = "ec2:RunInstances", expect = "implicit_deny" }
  }
  principal = user.alice
  assume    = role.Analyst
  action    = each.value.action
  resource  = "*"
  session_policy {
    statement "AllowAll" {
      actions   = ["*"]
      resources = ["*"]
    }
  }
  expect = each.value.expect
  doc    = "docs/semantics.md §8 rule 2: an Allow * in a session policy grants nothing on its own; the role allows s3 but not ec2"
}

test "without a session policy the role session keeps all the role's permissions" {
  principal = user.alice
  assume    = role.Analyst
  action    = "athena:StartQueryExecution"
  resource  = "*"
  expect    = "allow"
  doc       = "docs/semantics.md §3.1 step 7: role session with no session policy: continue"
}
