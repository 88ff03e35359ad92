test "StringEquals is exact and case-sensitive" {
  for_each = {
    exact  = { value = "Apollo", expect = "allow" }
    lower  = { value = "apollo", expect = "implicit_deny" }
    prefix = { value = "Apollo11", expect = "implicit_deny" }
    empty  = { value = "", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::equals/f"
  context   = { "aws:RequestTag/project" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: StringEquals is exact string equality, case-sensitive; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String"
}

test "StringEquals treats * as a literal character" {
  for_each = {
    literal_star = { value = "Apo*", expect = "allow" }
    would_glob   = { value = "Apollo", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::equals-star/f"
  context   = { "aws:RequestTag/project" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: wildcards in the policy value: no (literal) for StringEquals"
}

test "StringNotEquals" {
  for_each = {
    same       = { value = "Apollo", expect = "implicit_deny" }
    other      = { value = "Gemini", expect = "allow" }
    other_case = { value = "APOLLO", expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::not-equals/f"
  context   = { "aws:RequestTag/project" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: StringNotEquals is the negation of case-sensitive equality"
}

test "StringEqualsIgnoreCase" {
  for_each = {
    lower = { value = "apollo", expect = "allow" }
    upper = { value = "APOLLO", expect = "allow" }
    other = { value = "Apollo1", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::equals-ignore-case/f"
  context   = { "aws:RequestTag/project" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: StringEqualsIgnoreCase is equality ignoring case"
}

test "StringNotEqualsIgnoreCase" {
  for_each = {
    upper = { value = "APOLLO", expect = "implicit_deny" }
    other = { value = "Gemini", expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::not-equals-ignore-case/f"
  context   = { "aws:RequestTag/project" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: StringNotEqualsIgnoreCase negates case-insensitive equality"
}

test "StringLike globs with * and ?" {
  for_each = {
    star_prefix   = { value = "Apollo", expect = "allow" }
    star_empty    = { value = "Apo", expect = "allow" }
    qmark_one     = { value = "Gemini-7", expect = "allow" }
    qmark_two     = { value = "Gemini-12", expect = "implicit_deny" }
    case_matters  = { value = "apollo", expect = "implicit_deny" }
    anchored      = { value = "xApollo", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::like/f"
  context   = { "aws:RequestTag/project" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: StringLike is a case-sensitive glob over the whole string; values of one key are ORed (§5.1)"
}

test "StringLike * spans : and /" {
  for_each = {
    one_segment = { value = "team:alpha/docs", expect = "allow" }
    several     = { value = "team:alpha:beta/x/y/docs", expect = "allow" }
    wrong_end   = { value = "team:alpha/docs/extra", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::like-across/f"
  context   = { "aws:RequestTag/project" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: StringLike is a glob over the whole string (`*` spans `:` and `/`)"
}

test "StringNotLike" {
  for_each = {
    matches  = { value = "Apollo", expect = "implicit_deny" }
    no_match = { value = "Gemini", expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::not-like/f"
  context   = { "aws:RequestTag/project" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: StringNotLike negates StringLike"
}

test "string operators with the key absent" {
  for_each = {
    equals                 = { bucket = "equals", expect = "implicit_deny" }
    equals_ignore_case     = { bucket = "equals-ignore-case", expect = "implicit_deny" }
    like                   = { bucket = "like", expect = "implicit_deny" }
    not_equals             = { bucket = "not-equals", expect = "allow" }
    not_equals_ignore_case = { bucket = "not-equals-ignore-case", expect = "allow" }
    not_like               = { bucket = "not-like", expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value.bucket}/f"
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1 and §8 rule 7: with the key absent every ordinary operator is false and every negated operator is true; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html"
}
