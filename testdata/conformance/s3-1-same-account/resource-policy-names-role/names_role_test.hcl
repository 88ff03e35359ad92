test "a role ARN grant allows a session of the role without identity policy" {
  for_each = {
    get = "s3:GetObject"
    put = "s3:PutObject"
  }
  principal        = user.alice
  assume           = role.Plain
  action           = each.value
  resource         = "arn:aws:s3:::data/file.txt"
  expect           = "allow"
  expect_statement = resource.data.policy.statement.Roles
  doc              = "docs/semantics.md §3.1 step 4: a resource policy naming the role ARN counts as an allow for step 5 (no identity allow needed); no boundary and no session policy here"
}

test "a role ARN grant is limited by the role's boundary" {
  principal = user.alice
  assume    = role.Ec2Bounded
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/file.txt"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.1 step 4 and step 6, §8 rule 5: Role ARN named in the resource policy: limited by boundary. https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html (an implicit deny in a permissions boundary limits the permissions granted to the ARN of the underlying role)"
}

test "a role ARN grant within the boundary" {
  for_each = {
    get = { action = "s3:GetObject", expect = "allow" }
    put = { action = "s3:PutObject", expect = "implicit_deny" }
  }
  principal = user.alice
  assume    = role.S3Bounded
  action    = each.value.action
  resource  = "arn:aws:s3:::data/file.txt"
  expect    = each.value.expect
  doc       = "docs/semantics.md §3.1 steps 4 and 6: the role-ARN grant must also be allowed by the boundary (s3:GetObject only)"
}

test "a role ARN grant is limited by the session policy" {
  principal = user.alice
  assume    = role.Plain
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::data/file.txt"
  session_policy {
    statement "OnlyGet" {
      actions   = ["s3:GetObject"]
      resources = ["*"]
    }
  }
  expect = "implicit_deny"
  doc    = "docs/semantics.md §3.1 step 7; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session: 'A resource-based policy can specify the ARN of the user or role as a principal... The session policy limits the total permissions granted by the resource-based policy and the identity-based policy.'"
}

test "a role ARN grant inside the session policy" {
  principal = user.alice
  assume    = role.Plain
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/file.txt"
  session_policy {
    statement "OnlyGet" {
      actions   = ["s3:GetObject"]
      resources = ["*"]
    }
  }
  expect = "allow"
  doc    = "docs/semantics.md §3.1 steps 4 and 7: the role-ARN grant and the session policy both allow"
}

test "the user who assumed the role is not named" {
  principal = user.alice
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::data/file.txt"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2.3: a role ARN in Principal covers the sessions of that role, not the user who can assume it; alice has no identity policy"
}
