test "resource policy names the principal's account" {
  for_each = {
    reader    = { principal = "reader", expect = "allow" }
    no_policy = { principal = "no_policy", expect = "implicit_deny" }
  }
  principal = "arn:aws:iam::111111111111:user/${each.value.principal}"
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::by-account/file"
  expect    = each.value.expect
  doc       = "docs/semantics.md §3.2: the resource policy may allow the principal by its account; the principal's account must also allow through an identity policy; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html"
}

test "a resource-side Deny naming the account wins" {
  principal        = user.reader
  action           = "s3:DeleteObject"
  resource         = "arn:aws:s3:::by-account/file"
  expect           = "explicit_deny"
  expect_statement = resource.by_account.policy.statement.NoDeleteFromDev
  doc              = "docs/semantics.md §3.2 (resource's account: no explicit deny) and §3.1 step 1"
}

test "resource policy with Principal * and an identity allow" {
  principal = user.reader
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::public-data/file"
  expect    = "allow"
  doc       = "docs/semantics.md §3.2: the resource policy allows by `*`, and the identity policy allows in the principal's account"
}

test "resource policy with Principal * but no identity allow" {
  principal = user.no_policy
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::public-data/file"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2: the principal's account requires an identity allow for a cross-account request; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html"
}

test "naming the user does not bypass its boundary cross-account" {
  principal = user.bounded
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::by-name/file"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2: 'A resource policy that names the principal directly does not bypass boundaries or session policies cross-account.'"
}

test "a role session named by role ARN cross-account" {
  principal = user.reader
  assume    = role.Reader
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::by-name/file"
  expect    = "allow"
  doc       = "docs/semantics.md §3.2: the role's identity policy allows in its account; the bucket policy names the role ARN, which covers its sessions (§2.3)"
}

test "a role session cross-account is limited by its session policy" {
  principal = user.reader
  assume    = role.Reader
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::by-name/file"
  session_policy {
    statement "OnlyEc2" {
      actions   = ["ec2:Describe*"]
      resources = ["*"]
    }
  }
  expect = "implicit_deny"
  doc    = "docs/semantics.md §3.2: principal's account: identity allow ∧ boundary ∧ session policy; the session policy does not allow s3:GetObject"
}

test "the user who can assume the role is not the role" {
  principal = user.reader
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::by-name/file"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2 and §2.3: by-name names the role ARN and the bounded user, not reader; the resource policy must name the principal or its account"
}
