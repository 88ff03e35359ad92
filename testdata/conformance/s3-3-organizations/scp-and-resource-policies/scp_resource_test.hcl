test "a same-account resource policy grant within the SCPs" {
  principal        = user.m_nopolicy
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::member-bucket/file"
  expect           = "allow"
  expect_statement = resource.member_bucket.policy.statement.Grants
  doc              = "docs/semantics.md §3.1 steps 3-4: the SCPs allow and the bucket policy names the user"
}

test "an SCP Deny beats a same-account resource policy grant" {
  principal        = user.m_nopolicy
  action           = "s3:PutObject"
  resource         = "arn:aws:s3:::member-bucket/file"
  expect           = "explicit_deny"
  expect_statement = scp.all_but_put.statement.DenyPut
  doc              = "docs/semantics.md §3.1 step 1; https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_scp: 'SCPs limit permissions that identity-based policies or resource-based policies grant to entities (users or roles) within the account'"
}

test "an SCP that does not allow limits a resource policy grant" {
  principal = user.m2_nopolicy
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::member-ec2-bucket/file"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.1 step 3 comes before the resource-policy grant of step 4: the account-level SCP allows only ec2"
}

test "the resource's SCPs do not apply to an external principal" {
  principal = user.o_user
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::member-bucket/file"
  expect    = "allow"
  doc       = "docs/semantics.md §3.2: 'SCPs of the resource's org never apply to external principals'; the outside user's identity policy and the bucket policy both allow"
}

test "the principal's SCPs apply to its cross-account requests" {
  for_each = {
    put = { action = "s3:PutObject", expect = "explicit_deny" }
    get = { action = "s3:GetObject", expect = "allow" }
  }
  principal = user.m_admin
  action    = each.value.action
  resource  = "arn:aws:s3:::outside-bucket/file"
  expect    = each.value.expect
  doc       = "docs/semantics.md §3.2: principal's account: identity allow ∧ boundary ∧ session policy ∧ SCPs of the principal's org, and no explicit deny"
}
