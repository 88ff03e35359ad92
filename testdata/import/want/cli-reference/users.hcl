# Written by iamc import aws. A re-import shows its changes to this file
# before replacing it (--force); files it did not write are never touched.

user "Alice" {
  groups = [group.Admins]
}

user "Bob" {
  groups = [group.Admins]

  policy "DenyBillingAndIAMPolicy" {
    statement {
      effect    = "Deny"
      actions   = ["aws-portal:*", "iam:*"]
      resources = ["*"]
    }
  }
}

user "Charlie" {
  groups = [group.Dev]
}
