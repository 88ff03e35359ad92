test "ForAllValues paired with Null false" {
  for_each = {
    absent = { ctx = {}, expect = "implicit_deny" }
    subset = { ctx = { "aws:TagKeys" = ["team"] }, expect = "allow" }
    extra  = { ctx = { "aws:TagKeys" = ["team", "owner"] }, expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::b/all-present/f"
  context   = each.value.ctx
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.3: pair ForAllValues with Null {key: false} so that an absent key does not allow; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition_examples-multi-valued-context-keys.html: 'You can prevent missing context keys or context keys with empty values from evaluating to true by including a Null condition operator in your policy with a value of false'"
}

