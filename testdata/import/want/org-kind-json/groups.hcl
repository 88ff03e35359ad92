# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

group "developers" {
  account  = account.dev
  policies = ["arn:aws:iam::aws:policy/PowerUserAccess"]

  policy "DenyProdData" {
    document = file("policies/dev/group/developers/DenyProdData.json")
  }
}

group "Admins" {
  account  = account.management
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]

  policy "ForceMFA" {
    document = file("policies/management/group/Admins/ForceMFA.json")
  }
}
