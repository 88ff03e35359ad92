test "a session ARN grant bypasses the boundary's implicit deny" {
  principal        = user.alice
  assume           = role.Worker
  session_name     = "nightly"
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::data/2026/06/01.log"
  expect           = "allow"
  expect_statement = resource.data.policy.statement.NightlySession
  doc              = "docs/semantics.md §3.1 step 4: a resource policy naming the ROLE SESSION ARN allows; implicit denies in identity policy, boundary and session policy are ignored (§8 rule 5)"
}

test "a session ARN grant is not limited by the session policy" {
  principal    = user.alice
  assume       = role.Worker
  session_name = "nightly"
  action       = "s3:GetObject"
  resource     = "arn:aws:s3:::data/2026/06/01.log"
  session_policy {
    statement "OnlyEc2" {
      actions   = ["ec2:DescribeInstances"]
      resources = ["*"]
    }
  }
  expect           = "allow"
  expect_statement = resource.data.policy.statement.NightlySession
  doc              = "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session: 'A resource-based policy can specify the ARN of the session as a principal... The resource-based policy permissions are not limited by the session policy.'"
}

test "another session of the same role is not covered" {
  principal    = user.alice
  assume       = role.Worker
  session_name = "daily"
  action       = "s3:GetObject"
  resource     = "arn:aws:s3:::data/2026/06/01.log"
  expect       = "implicit_deny"
  doc          = "docs/semantics.md §2.3: a session ARN covers only that exact session; the role has no identity policy"
}

test "the default session name is not the named session" {
  principal = user.alice
  assume    = role.Worker
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/2026/06/01.log"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2.3: a session ARN in Principal covers only that exact session (here the session is named after the caller, not `nightly`)"
}

test "a Deny naming the session ARN denies that session" {
  principal        = user.alice
  assume           = role.Worker
  session_name     = "nightly"
  action           = "s3:DeleteObject"
  resource         = "arn:aws:s3:::data/2026/06/01.log"
  expect           = "explicit_deny"
  expect_statement = resource.data.policy.statement.NoDeleteForNightly
  doc              = "docs/semantics.md §3.1 step 1: an applicable Deny in the resource policy gives an explicit deny"
}

test "the session grant covers only the listed action" {
  principal    = user.alice
  assume       = role.Worker
  session_name = "nightly"
  action       = "s3:PutObject"
  resource     = "arn:aws:s3:::data/2026/06/01.log"
  expect       = "implicit_deny"
  doc          = "docs/semantics.md §2 and §3.1 step 5: no statement allows s3:PutObject"
}
