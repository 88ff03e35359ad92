# An organization with a unit: SCP levels root → unit → account; the
# management account is exempt; a level without policies gets FullAWSAccess.
organization "acme" {
  management_account = account.hq
  policies           = [scp.guard]
}

unit "stores" { parent = organization.acme }

account "hq"   { id = "111111111111" }
account "shop" {
  id       = "222222222222"
  parent   = unit.stores
  policies = [scp.shop_only]
}

scp "guard" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization"]
    resources = ["*"]
  }
}

scp "shop_only" {
  statement {
    actions   = ["register:*", "s3:*"]
    resources = ["*"]
  }
}

user "clerk" { account = account.shop }
