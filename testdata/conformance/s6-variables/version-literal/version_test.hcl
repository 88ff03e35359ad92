test "Version 2008-10-17: the variable is literal text" {
  for_each = {
    literal     = { key = "home-08/$${aws:username}/f", expect = "allow" }
    substituted = { key = "home-08/alice/f", expect = "implicit_deny" }
  }
  principal = user.alice
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value.key}"
  expect    = each.value.expect
  doc       = "docs/semantics.md §6 and §8 rule 10: variables work only with Version 2012-10-17; with 2008-10-17 $${…} is literal text; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html"
}

test "no Version: the variable is literal text" {
  for_each = {
    literal     = { key = "home-nv/$${aws:username}/f", expect = "allow" }
    substituted = { key = "home-nv/alice/f", expect = "implicit_deny" }
  }
  principal = user.alice
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value.key}"
  expect    = each.value.expect
  doc       = "docs/semantics.md §7: 'If Version is absent, policy variables are treated as literal strings, as with 2008-10-17'; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html"
}

test "Version 2012-10-17: the variable is substituted" {
  for_each = {
    substituted = { key = "home-12/alice/f", expect = "allow" }
    literal     = { key = "home-12/$${aws:username}/f", expect = "implicit_deny" }
  }
  principal = user.alice
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value.key}"
  expect    = each.value.expect
  doc       = "docs/semantics.md §6: with Version 2012-10-17 $${aws:username} is replaced by the user name"
}

test "a 2008-10-17 bucket policy: the variable is literal text" {
  for_each = {
    literal     = { key = "shared-08/$${aws:username}/f", expect = "allow" }
    substituted = { key = "shared-08/bob/f", expect = "implicit_deny" }
  }
  principal = user.bob
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::${each.value.key}"
  expect    = each.value.expect
  doc       = "docs/semantics.md §6: with 2008-10-17 $${…} is literal text (in any policy type); §3.1 step 4: the bucket policy names bob"
}
