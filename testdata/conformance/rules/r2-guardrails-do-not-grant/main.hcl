# Rule 2: SCPs, boundaries and session policies only intersect; an Allow * in
# any of them grants nothing on its own.

organization "acme" {
  policies = [scp.allow_all]
}

account "main" {
  id       = "111111111111"
  parent   = organization.acme
  policies = [scp.allow_all]
}

scp "allow_all" {
  statement "AllowAll" {
    actions   = ["*"]
    resources = ["*"]
  }
}

# Every guardrail allows everything; no permissions policy.
user "guarded_only" {
  permissions_boundary = policy.allow_all
}

# The same, with one narrow identity policy.
user "narrow" {
  permissions_boundary = policy.allow_all
  policies             = [policy.read_one_table]
}

role "Empty" {
  permissions_boundary = policy.allow_all
  trust {
    statement "Users" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.guarded_only.arn, user.narrow.arn]
      }
    }
  }
}

policy "allow_all" {
  statement "AllowAll" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "read_one_table" {
  statement "ReadOneTable" {
    actions   = ["dynamodb:GetItem"]
    resources = ["arn:aws:dynamodb:us-east-1:111111111111:table/Orders"]
  }
}
