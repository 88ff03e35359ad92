test "the caller is denied by a guard on the role ARN" {
  principal        = user.alice
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::locked/f"
  expect           = "explicit_deny"
  expect_statement = resource.locked.policy.statement.OnlyReaderRole
  doc              = "docs/semantics.md §5.1 (ArnNotEquals true: the user ARN is not the role ARN) and §3.1 step 1"
}

test "the role session passes the guard: aws:PrincipalArn is the role ARN with its path" {
  principal        = user.alice
  assume           = role.Reader
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::locked/f"
  expect           = "allow"
  expect_statement = policy.s3_read.statement.S3Read
  doc              = "docs/semantics.md §4.1 and §8 rule 6: aws:PrincipalArn = the role ARN (with path); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn"
}

test "the role session does not have the caller's S3 admin rights" {
  for_each = {
    locked_put = "arn:aws:s3:::locked/f"
    other_put  = "arn:aws:s3:::other/f"
  }
  principal = user.alice
  assume    = role.Reader
  action    = "s3:PutObject"
  resource  = each.value
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §8 rule 6: the caller's own permissions are gone; the Reader role allows only s3:GetObject"
}

test "aws:PrincipalArn is not the session ARN" {
  principal        = user.alice
  assume           = role.Reader
  action           = "s3:GetObject"
  resource         = "arn:aws:s3:::mistaken/f"
  expect           = "explicit_deny"
  expect_statement = resource.mistaken.policy.statement.OnlyReaderSessions
  doc              = "docs/semantics.md §4.1: aws:PrincipalArn of a session is the role ARN arn:aws:iam::…:role/apps/Reader, which ArnNotLike arn:aws:sts::…:assumed-role/Reader/* holds for"
}
