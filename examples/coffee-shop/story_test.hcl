# The coffee shop's story, as tests. Run them with: iamc test examples/coffee-shop

test "employee sells as Cashier with MFA" {
  principal        = user.employee
  assume           = role.Cashier
  mfa              = true
  action           = "register:Sell"
  resource         = "arn:aws:register:::till/1"
  expect           = "allow"
  expect_statement = policy.register.statement.UseRegister
}

# Without MFA the trust policy's condition does not hold: the role cannot be
# assumed, and iamc says which key was missing.
test "roles need MFA" {
  for_each = {
    Cashier   = role.Cashier
    Inventory = role.Inventory
  }
  principal              = user.employee
  assume                 = each.value
  action                 = "register:Sell"
  resource               = "arn:aws:register:::till/1"
  expect                 = "implicit_deny"
  expect_missing_context = ["aws:MultiFactorAuthPresent"]
}

# The Cashier's wildcard register:View* covers ViewSales; the till is all
# the role reaches (least privilege).
test "the Cashier works the till and nothing else" {
  for_each = {
    open_drawer = { action = "register:OpenDrawer", resource = "arn:aws:register:::till/2", expect = "allow" }
    view_sales  = { action = "register:ViewSales", resource = "arn:aws:register:::till/2", expect = "allow" }
    stock       = { action = "inventory:ViewStock", resource = "arn:aws:inventory:::stock/beans", expect = "implicit_deny" }
    edit_menu   = { action = "menu:EditMenu", resource = "arn:aws:menu:::board/main", expect = "implicit_deny" }
    not_a_till  = { action = "register:Sell", resource = "arn:aws:register:::safe/1", expect = "implicit_deny" }
  }
  principal = user.employee
  assume    = role.Cashier
  mfa       = true
  action    = each.value.action
  resource  = each.value.resource
  expect    = each.value.expect
}

test "the employee alone cannot use the till" {
  principal = user.employee
  action    = "register:Sell"
  resource  = "arn:aws:register:::till/1"
  expect    = "implicit_deny"
}

test "staff read the menu through their group" {
  principal        = user.employee
  action           = "menu:ViewMenu"
  resource         = "arn:aws:menu:::board/main"
  expect           = "allow"
  expect_statement = policy.staff.statement.ReadMenu
}

test "even the Cashier cannot refund" {
  principal        = user.employee
  assume           = role.Cashier
  mfa              = true
  action           = "register:Refund"
  resource         = "arn:aws:register:::till/1"
  expect           = "explicit_deny"
  expect_statement = policy.guardrails.statement.NoRefunds
}

test "switching to Inventory gives up the register" {
  for_each = {
    count_stock = { action = "inventory:CountStock", resource = "arn:aws:inventory:::stock/beans", expect = "allow" }
    sell        = { action = "register:Sell", resource = "arn:aws:register:::till/1", expect = "implicit_deny" }
    delete_item = { action = "inventory:DeleteItem", resource = "arn:aws:inventory:::stock/beans", expect = "explicit_deny" }
    read_menu   = { action = "menu:ViewMenu", resource = "arn:aws:menu:::board/main", expect = "implicit_deny" }
  }
  principal = user.employee
  assume    = role.Inventory
  mfa       = true
  action    = each.value.action
  resource  = each.value.resource
  expect    = each.value.expect
}

test "a Cashier session cannot chain into Inventory" {
  principal = user.employee
  assume    = [role.Cashier, role.Inventory]
  mfa       = true
  action    = "inventory:CountStock"
  resource  = "arn:aws:inventory:::stock/beans"
  expect    = "implicit_deny"
}

test "the Cashier session ends" {
  principal = user.employee
  assume    = role.Cashier
  mfa       = true
  duration  = "8h"
  issued_at = "2026-11-26T08:00:00Z"
  action    = "register:Sell"
  resource  = "arn:aws:register:::till/1"
  time      = "2026-11-26T16:00:01Z"
  expect    = "implicit_deny"
}

# The guardrail binds the roles, not the owner, who is not in the staff
# group and has no guardrails attached.
test "the owner refunds" {
  principal        = user.owner
  action           = "register:Refund"
  resource         = "arn:aws:register:::till/1"
  expect           = "allow"
  expect_statement = policy.owner.statement.RunTheShop
}

test "a new user has no access" {
  for_each = {
    sell  = "register:Sell"
    menu  = "menu:ViewMenu"
    stock = "inventory:ViewStock"
  }
  principal = user.newbie
  action    = each.value
  resource  = "*"
  expect    = "implicit_deny"
}

test "nobody but the employee may assume Cashier" {
  principal = user.newbie
  assume    = role.Cashier
  mfa       = true
  action    = "register:Sell"
  resource  = "arn:aws:register:::till/1"
  expect    = "implicit_deny"
}
