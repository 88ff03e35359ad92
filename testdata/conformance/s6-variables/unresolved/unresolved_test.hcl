test "an unresolved variable never matches under a positive operator" {
  for_each = {
    equals_some_value  = { path = "positive", owner = "u" }
    equals_empty       = { path = "positive", owner = "" }
    equals_literal     = { path = "positive", owner = "$${aws:PrincipalTag/owner}" }
    like_some_value    = { path = "like", owner = "u" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/${each.value.path}/f"
  context   = { "aws:RequestTag/owner" = each.value.owner }
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §6 and §8 rule 10: key absent (no default): in a condition, positive operators (StringEquals, StringLike …) do not match"
}

test "an unresolved variable matches under a negated operator" {
  for_each = {
    not_equals = "negated"
    not_like   = "not-like"
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/${each.value}/f"
  context   = { "aws:RequestTag/owner" = "u" }
  expect    = "allow"
  doc       = "docs/semantics.md §6: key absent: negated operators (StringNotEquals, StringNotLike) do match ('effectively null'); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-no-value"
}

test "a variable resolved from another request key" {
  for_each = {
    same  = { owner = "team-a", expected = "team-a", expect = "allow" }
    other = { owner = "team-a", expected = "team-b", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/resolved/f"
  context   = { "aws:RequestTag/owner" = each.value.owner, "aws:RequestTag/expected" = each.value.expected }
  expect    = each.value.expect
  doc       = "docs/semantics.md §6: variables are allowed in condition values of String operators and are substituted with the request value"
}

test "an unresolved variable in a condition whose key is also absent" {
  for_each = {
    positive = { path = "positive", expect = "implicit_deny" }
    negated  = { path = "negated", expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/${each.value.path}/f"
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1 (absent key: ordinary false, negated true) and §6 (unresolved variable)"
}
