# Expectations that can never hold: no such statement, an implicit deny
# "decided" by a statement, an allow by a Deny, a deny by an Allow.
test "misspelled statement" {
  principal        = user.clerk
  action           = "till:Sell"
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.till.statement.Sel
}

test "an implicit deny names a statement" {
  principal        = user.clerk
  action           = "till:Open"
  resource         = "*"
  expect           = "implicit_deny"
  expect_statement = policy.till.statement.Sell
}

test "an allow by a Deny" {
  principal        = user.clerk
  action           = "till:Sell"
  resource         = "*"
  expect           = "allow"
  expect_statement = policy.till.statement.NoRefunds
}

test "a deny by an Allow" {
  principal        = user.clerk
  action           = "till:Refund"
  resource         = "*"
  expect           = "explicit_deny"
  expect_statement = policy.till.statement.Sell
}
