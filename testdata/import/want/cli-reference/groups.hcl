# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

group "Admins" {
  policies = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}

group "Dev" {
  policies = ["arn:aws:iam::aws:policy/PowerUserAccess"]
}

group "Finance" {
  policy "policygen-201310141157" {
    statement "Stmt1381777017000" {
      actions   = ["aws-portal:*"]
      resources = ["*"]
    }
  }
}
