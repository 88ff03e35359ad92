# Privilege escalation: principals that can become another principal, or
# give one more permissions, on the way to administrator access.
account "dev" { id = "111111111111" }

# Administrator access by policy.
user "admin" { policies = [policy.admin] }

# Makes access keys for the administrator: acts as admin.
user "alice" { policies = [policy.keys_for_admin] }

# Passes an administrator role to a Lambda function it creates and runs.
user "bob" { policies = [policy.lambda_deployer] }

# Attaches policies to herself: administrator access on her own.
user "carol" { policies = [policy.self_attach] }

# May assume Ops, a role that can write its own policies.
user "dave" {}

# Rewrites the trust policy of Ops to let herself in.
user "erin" { policies = [policy.trust_editor] }

# Adds himself to the admins group.
user "frank" { policies = [policy.group_joiner] }

# Reads, nothing more.
user "grace" { policies = [policy.read_only] }

# Writes new versions of a policy attached to himself.
user "heidi" { policies = [policy.heidi] }

group "admins" { policies = [policy.admin] }

user "root_friend" { groups = [group.admins] }

role "LambdaAdmin" {
  policies = [policy.admin]
  trust {
    statement {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["lambda.amazonaws.com"]
      }
    }
  }
}

role "Ops" {
  policies = [policy.ops]
  trust {
    statement "Dave" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.dave.arn]
      }
    }
  }
}

policy "admin" {
  statement "Everything" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "keys_for_admin" {
  statement "Keys" {
    actions   = ["iam:CreateAccessKey"]
    resources = [user.admin.arn]
  }
}

policy "lambda_deployer" {
  statement "Pass" {
    actions   = ["iam:PassRole"]
    resources = [role.LambdaAdmin.arn]
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["lambda.amazonaws.com"]
    }
  }
  statement "Functions" {
    actions   = ["lambda:CreateFunction", "lambda:InvokeFunction"]
    resources = ["*"]
  }
}

policy "self_attach" {
  statement "Self" {
    actions   = ["iam:AttachUserPolicy"]
    resources = ["arn:aws:iam::111111111111:user/$${aws:username}"]
  }
}

policy "ops" {
  statement "OwnPolicies" {
    actions   = ["iam:PutRolePolicy"]
    resources = [role.Ops.arn]
  }
}

policy "trust_editor" {
  statement "Trust" {
    actions   = ["iam:UpdateAssumeRolePolicy"]
    resources = [role.Ops.arn]
  }
}

policy "group_joiner" {
  statement "Join" {
    actions   = ["iam:AddUserToGroup"]
    resources = [group.admins.arn]
  }
}

policy "read_only" {
  statement "Read" {
    actions   = ["iam:Get*", "iam:List*"]
    resources = ["*"]
  }
}

policy "heidi" {
  statement "Versions" {
    actions   = ["iam:CreatePolicyVersion"]
    resources = [policy.heidi.arn]
  }
}
