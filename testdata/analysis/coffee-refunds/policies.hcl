# What each role and group may do.

policy "register" {
  description = "Use the cash register."

  statement "UseRegister" {
    actions   = ["register:Sell", "register:OpenDrawer", "register:View*", "register:Refund"]
    resources = ["arn:aws:register:::till/*"]
  }
}

policy "inventory" {
  description = "Work the stock room."

  statement "UseInventory" {
    actions   = ["inventory:*"]
    resources = ["arn:aws:inventory:::stock/*"]
  }
}

# Shared by everyone in the staff group: read the menu, nothing else.
policy "staff" {
  statement "ReadMenu" {
    actions   = ["menu:ViewMenu"]
    resources = ["*"]
  }
}

# Attached to both roles: deleting stock items is for the owner.
# A Deny wins over every Allow.
policy "guardrails" {
  statement "NoRefunds" {
    effect    = "Deny"
    actions   = ["inventory:DeleteItem"]
    resources = ["*"]
  }
}

# The owner's policy is a plain AWS JSON document.
policy "owner" {
  document = file("owner.json")
}
