# The coffee shop of examples/coffee-shop, in a revision where the Cashier
# may refund (iamc diff compares the two).
#
# One AWS account, its people and their group.

account "shop" {
  id = "111122223333"
}

# The owner runs the shop and may do anything (see owner.json).
user "owner" {
  policies = [policy.owner]
}

# The employee works the counter. On their own they can only read the menu
# (through the staff group); to use the till or the stock room they assume a
# role, with MFA.
user "employee" {
  path   = "/staff/"
  groups = [group.staff]
  tags   = { team = "counter" }
}

# A new hire: no group, no policy, so no access at all until granted.
user "newbie" {
  path = "/staff/"
}

group "staff" {
  policies = [policy.staff]
}

# The shop's services, so that misspelled actions are caught at build time.
service "register" {
  actions = ["Sell", "Refund", "OpenDrawer", "ViewSales"]
}

service "inventory" {
  actions = ["ViewStock", "CountStock", "OrderSupplies", "DeleteItem"]
}

service "menu" {
  actions = ["ViewMenu", "EditMenu"]
}
