test "the escape for * is a literal star" {
  for_each = {
    literal_star = { key = "star/*", expect = "allow" }
    anything     = { key = "star/report.csv", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::lit/${each.value.key}"
  expect    = each.value.expect
  doc       = "docs/semantics.md §6: literal escapes $${*}, $${?}, $${$} produce a literal *, ?, $; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-specialchars"
}

test "the escape for ? is a literal question mark" {
  for_each = {
    literal_qmark = { key = "qmark/a?", expect = "allow" }
    one_char      = { key = "qmark/ab", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::lit/${each.value.key}"
  expect    = each.value.expect
  doc       = "docs/semantics.md §6: $${?} produces a literal ?"
}

test "the escape for $ is a literal dollar" {
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::lit/dollar/$price"
  expect    = "allow"
  doc       = "docs/semantics.md §6: $${$} produces a literal $"
}

test "a * inside a substituted value is not a wildcard" {
  for_each = {
    literal_folder = { folder = "*", key = "folders/*/f", expect = "allow" }
    other_folder   = { folder = "*", key = "folders/reports/f", expect = "implicit_deny" }
    plain_value    = { folder = "reports", key = "folders/reports/f", expect = "allow" }
  }
  principal = user.u
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::lit/${each.value.key}"
  context   = { "aws:RequestTag/folder" = each.value.folder }
  expect    = each.value.expect
  doc       = "docs/semantics.md §6: the value is substituted literally; a * inside the substituted value is not a wildcard"
}
