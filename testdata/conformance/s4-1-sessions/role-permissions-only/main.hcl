# §4.1: a role session has the role's permissions, not the caller's. The user
# who switches to a role gives up his or her own permissions.

account "main" { id = "111111111111" }

# Alice herself may use S3 and assume both roles.
user "alice" {
  policies = [policy.alice_s3, policy.assume_roles]
}

role "Ec2Operator" {
  policies = [policy.ec2]
  trust {
    statement "Account" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.main.id]
      }
    }
  }
}

# A role with no permissions policy at all.
role "Empty" {
  trust {
    statement "Account" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [account.main.id]
      }
    }
  }
}

policy "alice_s3" {
  statement "AliceS3" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

policy "assume_roles" {
  statement "AssumeRoles" {
    actions   = ["sts:AssumeRole"]
    resources = [role.Ec2Operator.arn, role.Empty.arn]
  }
}

policy "ec2" {
  statement "Ec2" {
    actions   = ["ec2:*"]
    resources = ["*"]
  }
}
