test "ForAnyValue: at least one request value matches" {
  for_each = {
    one_matches  = { keys = ["env", "owner"], expect = "allow" }
    all_match    = { keys = ["env", "team"], expect = "allow" }
    none_matches = { keys = ["owner"], expect = "implicit_deny" }
    wrong_case   = { keys = ["Env"], expect = "implicit_deny" }
    empty        = { keys = [], expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::b/any/f"
  context   = { "aws:TagKeys" = each.value.keys }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.3: ForAnyValue is true if at least one request value satisfies the operator; false if the key is empty; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html"
}

test "ForAnyValue with the key absent" {
  principal = user.u
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::b/any/f"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §5.3 and §8 rule 7: ForAnyValue is false if the key is absent"
}

test "ForAllValues: every request value matches" {
  for_each = {
    subset     = { keys = ["env"], expect = "allow" }
    all        = { keys = ["env", "team"], expect = "allow" }
    one_extra  = { keys = ["env", "owner"], expect = "implicit_deny" }
    wrong_case = { keys = ["ENV"], expect = "implicit_deny" }
    empty      = { keys = [], expect = "allow" }
  }
  principal = user.u
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::b/all/f"
  context   = { "aws:TagKeys" = each.value.keys }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.3: ForAllValues is true if every request value satisfies the operator, and true if the set is empty"
}

test "ForAllValues with the key absent" {
  principal = user.u
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::b/all/f"
  expect    = "allow"
  doc       = "docs/semantics.md §5.3 and §8 rule 7: ForAllValues is true if the key is absent (that makes it dangerous in an Allow)"
}

test "ForAllValues:StringNotEquals: no request value is one of the values" {
  for_each = {
    clean     = { keys = ["env", "team"], expect = "allow" }
    one_bad   = { keys = ["env", "secret"], expect = "implicit_deny" }
    other_bad = { keys = ["internal"], expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::b/all-not/f"
  context   = { "aws:TagKeys" = each.value.keys }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.3: negated base operators under a set operator apply per request value: ForAllValues:StringNotEquals {k:[a,b]} means no request value is a or b"
}

test "ForAnyValue:StringNotEquals: some request value is not the value" {
  for_each = {
    only_env  = { keys = ["env"], expect = "implicit_deny" }
    env_and_x = { keys = ["env", "x"], expect = "allow" }
  }
  principal = user.u
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::b/any-not/f"
  context   = { "aws:TagKeys" = each.value.keys }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.3: the negated operator applies per request value; ForAnyValue needs one request value for which it holds"
}

test "ForAnyValue:StringLike" {
  for_each = {
    matches  = { keys = ["owner", "cost-center"], expect = "allow" }
    no_match = { keys = ["owner", "center-cost"], expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::b/any-like/f"
  context   = { "aws:TagKeys" = each.value.keys }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.3 with §5.2 StringLike"
}
