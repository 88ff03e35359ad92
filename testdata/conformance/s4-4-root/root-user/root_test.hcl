test "root has full access in its own account" {
  for_each = {
    iam      = { action = "iam:CreateUser", resource = "arn:aws:iam::111111111111:user/new" }
    ec2      = { action = "ec2:RunInstances", resource = "*" }
    dynamodb = { action = "dynamodb:DeleteTable", resource = "arn:aws:dynamodb:us-east-1:111111111111:table/T" }
    s3_get   = { action = "s3:GetObject", resource = "arn:aws:s3:::a-locked/file" }
  }
  principal = account.a
  action    = each.value.action
  resource  = each.value.resource
  expect    = "allow"
  doc       = "docs/semantics.md §4.4 and §3.1 step 0: root is implicitly allowed everything in its own account; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html: 'all requests are implicitly denied with the exception of the AWS account root user, which has full access'"
}

test "root is bound by a Deny for * in a resource policy" {
  principal        = account.a
  action           = "s3:DeleteObject"
  resource         = "arn:aws:s3:::a-locked/file"
  expect           = "explicit_deny"
  expect_statement = resource.a_locked.policy.statement.NoDeletes
  doc              = "docs/semantics.md §4.4: root is restricted by explicit denies in resource policies"
}

test "root is bound by a Deny naming its account" {
  principal        = account.a
  action           = "s3:PutObject"
  resource         = "arn:aws:s3:::a-locked/file"
  expect           = "explicit_deny"
  expect_statement = resource.a_locked.policy.statement.NoPutsFromAccount
  doc              = "docs/semantics.md §2.3 (the account principal covers the account's principals) and §4.4"
}

test "cross-account, root needs the other account's resource policy" {
  for_each = {
    names_account = { resource = "arn:aws:s3:::b-shares-with-a/file", expect = "allow" }
    names_root    = { resource = "arn:aws:s3:::b-names-root/file", expect = "allow" }
    names_other   = { resource = "arn:aws:s3:::b-private/file", expect = "implicit_deny" }
    no_policy     = { resource = "arn:aws:s3:::b-no-policy/file", expect = "implicit_deny" }
  }
  principal = account.a
  action    = "s3:GetObject"
  resource  = each.value.resource
  expect    = each.value.expect
  doc       = "docs/semantics.md §4.4: 'Cross-account, root is like any principal of its account: the other account's resource policy must allow it, usually through the account principal'"
}

test "cross-account, root has no access to the other account's other resources" {
  for_each = {
    iam      = { action = "iam:CreateUser", resource = "arn:aws:iam::222222222222:user/new" }
    dynamodb = { action = "dynamodb:GetItem", resource = "arn:aws:dynamodb:us-east-1:222222222222:table/T" }
  }
  principal = account.a
  action    = each.value.action
  resource  = each.value.resource
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2 and §4.4: root's full access is limited to its own account"
}

test "the resource policy grants only what it lists, even to root" {
  principal = account.a
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::b-shares-with-a/file"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.2: the resource's account must allow; b's policy lists only s3:GetObject"
}
