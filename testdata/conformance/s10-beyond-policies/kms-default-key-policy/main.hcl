# A KMS key is governed by its key policy: IAM policies count only when the
# key policy lets the account's IAM policies in. A key the project does not
# declare has the default key policy, whose one statement gives the owning
# account (arn:aws:iam::<account>:root) kms:* — so the account's IAM policies
# decide, and no other account gets in.

account "main" { id = "111111111111" }
account "partner" { id = "222222222222" }

user "app" {
  account  = account.main
  policies = [policy.use_keys]
}

user "nobody" {
  account = account.main
}

user "denied" {
  account  = account.main
  policies = [policy.use_keys, policy.no_decrypt]
}

user "outsider" {
  account  = account.partner
  policies = [policy.partner_use_keys]
}

role "Worker" {
  account  = account.main
  policies = [policy.use_keys]
  trust {
    statement "App" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.app.arn]
      }
    }
  }
}

policy "use_keys" {
  account = account.main
  statement "UseKeys" {
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:DescribeKey"]
    resources = ["*"]
  }
}

policy "no_decrypt" {
  account = account.main
  statement "NoDecrypt" {
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]
  }
}

policy "partner_use_keys" {
  account = account.partner
  statement "UseKeys" {
    actions   = ["kms:*"]
    resources = ["*"]
  }
}

# A declared key whose policy names only the Worker role: it does not let the
# account's IAM policies in.
resource "payroll_key" {
  arn = "arn:aws:kms:eu-west-1:111111111111:key/0f0e0d0c-0b0a-0908-0706-050403020100"
  policy {
    statement "WorkerOnly" {
      principals {
        type        = "AWS"
        identifiers = [role.Worker.arn]
      }
      actions   = ["kms:Decrypt"]
      resources = ["*"]
    }
  }
}
