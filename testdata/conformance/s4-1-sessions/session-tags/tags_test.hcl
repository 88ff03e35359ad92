test "without session tags the role's tags apply" {
  for_each = {
    red   = { bucket = "team-red", expect = "allow" }
    green = { bucket = "team-green", expect = "implicit_deny" }
    blue  = { bucket = "team-blue", expect = "implicit_deny" }
  }
  principal = user.alice
  assume    = role.Tagged
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value.bucket}/file"
  expect    = each.value.expect
  doc       = "docs/semantics.md §4.1: aws:PrincipalTag/* of a session = role tags (the caller's own tags do not carry over, §8 rule 6); §6: $${aws:PrincipalTag/team} resolves to red"
}

test "session tags override the role's tags" {
  for_each = {
    red  = { bucket = "team-red", expect = "implicit_deny" }
    blue = { bucket = "team-blue", expect = "allow" }
  }
  principal    = user.alice
  assume       = role.Tagged
  session_tags = { team = "blue" }
  action       = "s3:GetObject"
  resource     = "arn:aws:s3:::${each.value.bucket}/file"
  expect       = each.value.expect
  doc          = "docs/semantics.md §4.1: role tags overridden by session tags; https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html: 'New session tags override existing assumed role or federated user tags with the same tag key'"
}

test "a session tag overrides a role tag whatever the key's case" {
  principal    = user.alice
  assume       = role.Tagged
  session_tags = { Team = "blue" }
  action       = "s3:GetObject"
  resource     = "arn:aws:s3:::team-blue/file"
  expect       = "allow"
  doc          = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html: session tags override tags 'with the same tag key, regardless of case'; docs/semantics.md §5.1 and §6: key names are case-insensitive"
}

test "role tags that no session tag overrides remain" {
  principal    = user.alice
  assume       = role.Tagged
  session_tags = { team = "blue" }
  action       = "ec2:StartInstances"
  resource     = "*"
  expect       = "allow"
  doc          = "docs/semantics.md §4.1: the role tag env=prod is not overridden by the session tag team=blue"
}

test "a session tag can change a condition's outcome" {
  principal    = user.alice
  assume       = role.Tagged
  session_tags = { env = "dev" }
  action       = "ec2:StartInstances"
  resource     = "*"
  expect       = "implicit_deny"
  doc          = "docs/semantics.md §4.1: the session tag env=dev overrides the role tag env=prod, so StringEquals prod is false"
}

test "passing session tags needs sts:TagSession in the trust policy" {
  principal    = user.alice
  assume       = role.NoTagSession
  session_tags = { team = "blue" }
  action       = "s3:GetObject"
  resource     = "arn:aws:s3:::team-blue/file"
  expect       = "implicit_deny"
  doc          = "docs/semantics.md §4.2: sts:TagSession is evaluated when session tags are passed; https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html: 'This action must be allowed before the user can pass session tags. If your policy includes the first statement without the second statement, the user can't assume the role.'"
}

test "without session tags sts:TagSession is not needed" {
  principal = user.alice
  assume    = role.NoTagSession
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::team-red/file"
  expect    = "allow"
  doc       = "docs/semantics.md §4.2: the trust policy allows sts:AssumeRole; no tags are passed, so sts:TagSession is not evaluated"
}

test "the role's policies are not the user's" {
  principal = user.alice
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::team-green/file"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §3.1 step 5: alice has no identity policy of her own (the abac policy is the role's), so her tag team=green does not matter"
}
