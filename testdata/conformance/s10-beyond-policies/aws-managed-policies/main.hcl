# AWS managed policies (arn:aws:iam::aws:policy/…) are created and
# administered by AWS: no customer can change them, whatever its own policies
# allow. Customers read them and attach them to their own users, groups and
# roles — except the service-linked role policies (…/aws-service-role/…),
# which only the service attaches to its service-linked role.

account "main" { id = "111111111111" }

user "admin" {
  policies = [policy.admin]
}

role "App" {
  trust {
    statement "Ec2" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["ec2.amazonaws.com"]
      }
    }
  }
}

policy "admin" {
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

# A customer managed policy, for contrast.
policy "ours" {
  statement "Ours" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
