test "the baker bakes" {
  principal        = user.baker
  action           = "oven:Bake"
  resource         = "arn:aws:oven:::oven/1"
  expect           = "allow"
  expect_statement = policy.ovens.statement.UseOvens
}

# Fails: the NoSelfClean Deny wins over the UseOvens Allow.
test "the baker self-cleans the oven" {
  principal = user.baker
  action    = "oven:SelfClean"
  resource  = "arn:aws:oven:::oven/1"
  expect    = "allow"
}

# Fails: the right decision, the wrong statement.
test "the apprentice sells" {
  principal        = user.apprentice
  action           = "till:Sell"
  resource         = "arn:aws:till:::till/1"
  context          = { "aws:SourceIp" = "192.0.2.10" }
  expect           = "allow"
  expect_statement = policy.ovens.statement.UseOvens
}

# Fails: without MFA the baker cannot become Manager, so the request is
# never made.
test "the baker reads the books as Manager" {
  principal = user.baker
  assume    = role.Manager
  action    = "books:ReadLedger"
  resource  = "arn:aws:books:::ledger/2026"
  expect    = "allow"
}

# Fails: the condition key is missing, and the test expects none missing.
test "the apprentice sells from anywhere" {
  principal              = user.apprentice
  action                 = "till:Sell"
  resource               = "arn:aws:till:::till/1"
  expect                 = "explicit_deny"
  expect_missing_context = []
}

# One row of the table fails: the apprentice has no oven access.
test "ovens" {
  for_each = {
    baker      = { who = user.baker, expect = "allow" }
    apprentice = { who = user.apprentice, expect = "allow" }
  }
  principal = each.value.who
  action    = "oven:Preheat"
  resource  = "arn:aws:oven:::oven/2"
  expect    = each.value.expect
}
