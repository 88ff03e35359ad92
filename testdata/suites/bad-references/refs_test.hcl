# Unknown users and roles, a duplicate name, a test that asserts nothing and
# an empty table: each is reported with its position, and nothing runs.
test "a stranger sells" {
  principal = user.stranger
  action    = "till:Sell"
  resource  = "*"
  expect    = "implicit_deny"
}

test "the clerk supervises" {
  principal = user.clerk
  assume    = role.Supervsor
  action    = "till:Sell"
  resource  = "*"
  expect    = "allow"
}

test "the clerk sells" {
  principal = user.clerk
  action    = "till:Sell"
  resource  = "*"
  expect    = "allow"
}

test "the clerk sells" {
  principal = user.clerk
  action    = "till:Sell"
  resource  = "*"
  expect    = "allow"
}

test "the clerk refunds" {
  principal = user.clerk
  action    = "till:Refund"
  resource  = "*"
}

test "nothing at all" {
  for_each  = []
  principal = user.clerk
  action    = "till:Sell"
  resource  = "*"
  expect    = "allow"
}

# A mistake in a table is the same in every row: it is reported once.
test "the clerk at each till" {
  for_each  = ["till/1", "till/2", "till/3"]
  principal = user.clrk
  action    = "till:Sell"
  resource  = "arn:aws:till:::${each.value}"
  expect    = "allow"
}
