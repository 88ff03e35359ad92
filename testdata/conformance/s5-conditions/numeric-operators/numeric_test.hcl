test "numeric comparisons" {
  for_each = {
    equals_10              = { bucket = "equals", value = "10", expect = "allow" }
    equals_11              = { bucket = "equals", value = "11", expect = "implicit_deny" }
    equals_10_decimal      = { bucket = "equals", value = "10.0", expect = "allow" }
    not_equals_10          = { bucket = "not-equals", value = "10", expect = "implicit_deny" }
    not_equals_9           = { bucket = "not-equals", value = "9", expect = "allow" }
    less_than_9            = { bucket = "less-than", value = "9", expect = "allow" }
    less_than_10           = { bucket = "less-than", value = "10", expect = "implicit_deny" }
    less_than_equals_10    = { bucket = "less-than-equals", value = "10", expect = "allow" }
    less_than_equals_11    = { bucket = "less-than-equals", value = "11", expect = "implicit_deny" }
    greater_than_11        = { bucket = "greater-than", value = "11", expect = "allow" }
    greater_than_10        = { bucket = "greater-than", value = "10", expect = "implicit_deny" }
    greater_than_equals_10 = { bucket = "greater-than-equals", value = "10", expect = "allow" }
    greater_than_equals_9  = { bucket = "greater-than-equals", value = "9", expect = "implicit_deny" }
    # numbers, not strings: "9" < "10" numerically even though "9" > "10" as text
    less_than_not_lexical = { bucket = "less-than", value = "9.5", expect = "allow" }
    greater_not_lexical   = { bucket = "greater-than", value = "100", expect = "allow" }
  }
  principal = user.u
  action    = "s3:ListBucket"
  resource  = "arn:aws:s3:::${each.value.bucket}"
  context   = { "s3:max-keys" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: numeric operators compare integers or decimals; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Numeric"
}

test "1.0 equals 1" {
  for_each = {
    integer = { value = "1", expect = "allow" }
    decimal = { value = "1.00", expect = "allow" }
    other   = { value = "1.5", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:ListBucket"
  resource  = "arn:aws:s3:::decimal"
  context   = { "s3:max-keys" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: integer or decimal comparison (`1.0 == 1`)"
}

test "numeric operators with the key absent" {
  for_each = {
    equals              = { bucket = "equals", expect = "implicit_deny" }
    less_than           = { bucket = "less-than", expect = "implicit_deny" }
    greater_than_equals = { bucket = "greater-than-equals", expect = "implicit_deny" }
    not_equals          = { bucket = "not-equals", expect = "allow" }
    if_exists           = { bucket = "less-than-if-exists", expect = "allow" }
  }
  principal = user.u
  action    = "s3:ListBucket"
  resource  = "arn:aws:s3:::${each.value.bucket}"
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: absent key: ordinary operators false, negated operators (NumericNotEquals) true; §5.2: …IfExists is true when the key is absent"
}

test "NumericLessThanIfExists with the key present" {
  for_each = {
    small = { value = "5", expect = "allow" }
    large = { value = "50", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:ListBucket"
  resource  = "arn:aws:s3:::less-than-if-exists"
  context   = { "s3:max-keys" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: …IfExists: if the key is present, evaluate normally"
}
