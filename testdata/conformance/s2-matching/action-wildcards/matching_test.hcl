test "s3:Get* matches actions starting with Get" {
  for_each = {
    get_object     = "s3:GetObject"
    get_bucket_acl = "s3:GetBucketAcl"
    get_object_tag = "s3:GetObjectTagging"
  }
  principal        = user.reader
  action           = each.value
  resource         = "arn:aws:s3:::bucket/key"
  expect           = "allow"
  expect_statement = policy.get_star.statement.GetStar
  doc              = "docs/semantics.md §2.1: `*` matches 0 or more characters in the action name (s3:Get*); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html"
}

test "s3:Get* does not match other actions" {
  for_each = {
    put_object  = "s3:PutObject"
    list_bucket = "s3:ListBucket"
    # Get must be at the start of the name: the pattern is anchored.
    delete_get  = "s3:DeleteObject"
  }
  principal = user.reader
  action    = each.value
  resource  = "arn:aws:s3:::bucket/key"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2.1 and §3.1 step 5: the pattern s3:Get* matches only names beginning with Get; with no other allow the request is implicitly denied"
}

test "? matches exactly one character" {
  for_each = {
    get_object = { action = "s3:GetObject", expect = "allow" }
    # ? cannot match zero characters or two.
    get_bject        = { action = "s3:Getbject", expect = "implicit_deny" }
    get_object_acl   = { action = "s3:GetObjectAcl", expect = "implicit_deny" }
  }
  principal = user.qmark
  action    = each.value.action
  resource  = "arn:aws:s3:::bucket/key"
  expect    = each.value.expect
  doc       = "docs/semantics.md §2.1: `?` matches exactly one character (s3:Get?bject); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html"
}

test "a wildcard in the middle of the name" {
  for_each = {
    create = { action = "iam:CreateAccessKey", expect = "allow" }
    list   = { action = "iam:ListAccessKeys", expect = "allow" }
    update = { action = "iam:UpdateAccessKey", expect = "allow" }
    user   = { action = "iam:CreateUser", expect = "implicit_deny" }
  }
  principal = user.keys
  action    = each.value.action
  resource  = "*"
  expect    = each.value.expect
  doc       = "docs/semantics.md §2.1: wildcards apply anywhere in the action name (iam:*AccessKey*), per https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html"
}

test "s3:* does not match the s3express service" {
  principal = user.s3all
  action    = "s3express:CreateSession"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2.1: the service prefix must match literally: s3:* does not match s3express:…"
}

test "s3:* matches every s3 action" {
  for_each  = toset(["s3:GetObject", "s3:PutObject", "s3:DeleteBucket", "s3:ListAllMyBuckets"])
  principal = user.s3all
  action    = each.value
  resource  = "*"
  expect    = "allow"
  expect_statement = policy.s3_all.statement.S3All
  doc       = "docs/semantics.md §2.1: `*` in the action name matches every action of the service prefix"
}

test "action prefix and name are case-insensitive" {
  for_each = {
    policy_upper_request_canonical = "iam:ListAccessKeys"
    request_lower                  = "iam:listaccesskeys"
    s3_canonical                   = "s3:GetObject"
  }
  principal        = user.upper
  action           = each.value
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.upper_case.statement.UpperCase
  doc              = "docs/semantics.md §2.1: prefix and name are case-insensitive: IAM:listaccesskeys equals iam:ListAccessKeys"
}

test "a case-insensitive match does not widen the list" {
  principal = user.upper
  action    = "iam:ListUsers"
  resource  = "*"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §2.1 and §3.1 step 5: only the listed actions match, whatever their case"
}

test "* alone matches every action of every service" {
  for_each  = toset(["s3:GetObject", "s3express:CreateSession", "iam:DeleteUser", "ec2:RunInstances"])
  principal = user.everything
  action    = each.value
  resource  = "*"
  expect    = "allow"
  expect_statement = policy.star.statement.Everything
  doc       = "docs/semantics.md §2.1: the action may be `*` alone, which matches every action"
}
