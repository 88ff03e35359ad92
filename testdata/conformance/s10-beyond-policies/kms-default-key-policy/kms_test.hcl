test "an undeclared key: the account's IAM policies decide" {
  for_each = {
    allowed  = { user = user.app, expect = "allow" }
    no_allow = { user = user.nobody, expect = "implicit_deny" }
    denied   = { user = user.denied, expect = "explicit_deny" }
  }
  principal = each.value.user
  action    = "kms:Decrypt"
  resource  = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  expect    = each.value.expect
  doc       = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html: without a key policy of your own, 'This default key policy has one policy statement that gives the AWS account that owns the KMS key permission to use IAM policies to allow access to all AWS KMS operations on the KMS key'; 'IAM policies that deny access to the key are still effective'"
}

test "an undeclared key: a role session of the account" {
  principal = user.app
  assume    = role.Worker
  action    = "kms:Encrypt"
  resource  = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  expect    = "allow"
  doc       = "key-policy-default.html (the account principal delegates to IAM policies) and docs/semantics.md §4.1 (a session has the role's policies)"
}

test "an undeclared key: the account's root user" {
  principal = account.main
  action    = "kms:Decrypt"
  resource  = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  expect    = "allow"
  doc       = "key-policy-default.html: the default statement's principal is arn:aws:iam::<account>:root; docs/semantics.md §4.4: root has full access in its own account"
}

test "an undeclared key: another account is not let in" {
  principal = user.outsider
  action    = "kms:Decrypt"
  resource  = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  expect    = "implicit_deny"
  doc       = "key-policy-default.html: the default statement names only the account that owns the key; https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html: another account's principals need the key policy to allow their account; docs/semantics.md §3.2"
}

test "a declared key that does not let IAM policies in" {
  for_each = {
    app    = user.app
    denied = user.denied
  }
  principal = each.value
  action    = "kms:Encrypt"
  resource  = "arn:aws:kms:eu-west-1:111111111111:key/0f0e0d0c-0b0a-0908-0706-050403020100"
  expect    = "implicit_deny"
  doc       = "key-policy-default.html: 'Unlike other AWS resource policies, an AWS KMS key policy does not automatically give permission to the account or any of its users' and 'Without this permission, IAM policies that allow access to the key are ineffective'; docs/semantics.md §3.1 step 4 (KMS key policies are gatekeepers)"
}

test "a declared key that names a role" {
  principal        = user.app
  assume           = role.Worker
  action           = "kms:Decrypt"
  resource         = "arn:aws:kms:eu-west-1:111111111111:key/0f0e0d0c-0b0a-0908-0706-050403020100"
  expect           = "allow"
  expect_statement = resource.payroll_key.policy.statement.WorkerOnly
  doc              = "docs/semantics.md §3.1 step 4: the key policy names the role ARN"
}
