# Rule 1: an explicit Deny anywhere wins, whatever the order of statements or
# policies, and whichever policy type holds it.

organization "acme" {}

account "main" {
  id       = "111111111111"
  parent   = organization.acme
  policies = [scp.allow_all, scp.deny_kms_delete]
}

scp "allow_all" {
  statement "AllowAll" {
    actions   = ["*"]
    resources = ["*"]
  }
}

scp "deny_kms_delete" {
  statement "NoKeyDeletion" {
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion"]
    resources = ["*"]
  }
}

user "deny_first" { policies = [policy.deny_first] }
user "deny_last" { policies = [policy.deny_last] }

# The Allow comes from the user's own policy, the Deny from a group.
user "grouped" {
  policies = [policy.admin]
  groups   = [group.no_iam]
}

user "admin" {
  policies             = [policy.admin]
  permissions_boundary = policy.boundary_no_ec2_terminate
}

group "no_iam" {
  policy "NoIam" {
    statement "DenyIam" {
      effect    = "Deny"
      actions   = ["iam:*"]
      resources = ["*"]
    }
  }
}

policy "deny_first" { document = file("deny_first.json") }
policy "deny_last" { document = file("deny_last.json") }

policy "admin" {
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "boundary_no_ec2_terminate" {
  statement "Everything" {
    actions   = ["*"]
    resources = ["*"]
  }
  statement "NoTerminate" {
    effect    = "Deny"
    actions   = ["ec2:TerminateInstances"]
    resources = ["*"]
  }
}

role "Admin" {
  policies = [policy.admin]
  trust {
    statement "Admin" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.admin.arn]
      }
    }
  }
}

resource "vault" {
  arn = "arn:aws:s3:::vault"
  policy {
    statement "AdminMayRead" {
      principals {
        type        = "AWS"
        identifiers = [user.admin.arn]
      }
      actions   = ["s3:*"]
      resources = ["arn:aws:s3:::vault/*"]
    }
    statement "NobodyDeletes" {
      effect = "Deny"
      principals {
        type        = "AWS"
        identifiers = ["*"]
      }
      actions   = ["s3:DeleteObject"]
      resources = ["arn:aws:s3:::vault/*"]
    }
  }
}
