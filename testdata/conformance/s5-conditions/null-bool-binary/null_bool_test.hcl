test "Null true: the key is absent" {
  for_each = {
    absent  = { context = {}, expect = "allow" }
    present = { context = { "aws:RequestTag/owner" = "alice" }, expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/null-true/f"
  context   = each.value.context
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: Null \"true\": the key is absent; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Null"
}

test "Null false: the key is present" {
  for_each = {
    absent  = { context = {}, expect = "implicit_deny" }
    present = { context = { "aws:RequestTag/owner" = "alice" }, expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/null-false/f"
  context   = each.value.context
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: Null \"false\": the key is present and non-null"
}

test "Bool" {
  for_each = {
    secure   = { value = "true", expect = "allow" }
    insecure = { value = "false", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/bool/f"
  context   = { "aws:SecureTransport" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: Bool compares \"true\"/\"false\"; https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Boolean"
}

test "Bool with a JSON boolean policy value" {
  for_each = {
    secure   = { value = "true", expect = "allow" }
    insecure = { value = "false", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/bool-literal/f"
  context   = { "aws:SecureTransport" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: policy values can be JSON strings, numbers or booleans, compared according to the operator"
}

test "Bool and BoolIfExists with the key absent" {
  for_each = {
    bool      = { path = "flag-bool", expect = "implicit_deny" }
    if_exists = { path = "flag-bool-if-exists", expect = "allow" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/${each.value.path}/f"
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.1: absent key: Bool false, …IfExists true"
}

test "BoolIfExists with the key present" {
  for_each = {
    secure   = { value = "true", expect = "allow" }
    insecure = { value = "false", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/bool-if-exists/f"
  context   = { "aws:SecureTransport" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: …IfExists evaluates normally when the key is present"
}

test "a Deny on aws:SecureTransport false" {
  for_each = {
    insecure = { context = { "aws:SecureTransport" = "false" }, expect = "explicit_deny" }
    secure   = { context = { "aws:SecureTransport" = "true" }, expect = "allow" }
    absent   = { context = {}, expect = "allow" }
  }
  principal = user.u
  action    = "s3:PutObject"
  resource  = "arn:aws:s3:::b/upload/f"
  context   = each.value.context
  expect    = each.value.expect
  doc       = "docs/semantics.md §2 (Deny beats Allow) and §5.1 (an absent key makes Bool false, so the Deny does not apply); a request that does not give aws:SecureTransport is HTTPS (docs/semantics.md §9, request defaults), which the Deny does not match either"
}

test "BinaryEquals compares against the base64 policy value" {
  for_each = {
    same  = { value = "QmluYXJ5VmFsdWVJbkJhc2U2NA==", expect = "allow" }
    other = { value = "T3RoZXJWYWx1ZQ==", expect = "implicit_deny" }
  }
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/binary/f"
  context   = { "custom:token" = each.value.value }
  expect    = each.value.expect
  doc       = "docs/semantics.md §5.2: BinaryEquals is byte-for-byte against a base64 policy value (the request value is given here base64-encoded); https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_BinaryEquals"
}

test "BinaryEquals with the key absent" {
  principal = user.u
  action    = "s3:GetObject"
  resource  = "arn:aws:s3:::b/binary/f"
  expect    = "implicit_deny"
  doc       = "docs/semantics.md §5.1: with the key absent every ordinary operator is false"
}
