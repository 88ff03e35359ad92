# §3.3: SCPs do not affect the management account (its users, roles and root
# user) or service-linked roles; they do restrict a member account's root user.

organization "acme" {
  management_account = account.hq
  policies           = [scp.s3_only, scp.deny_leave]
}

account "hq" {
  id     = "100000000000"
  parent = organization.acme
}

account "member" {
  id     = "111111111111"
  parent = organization.acme
}

scp "s3_only" {
  statement "S3Only" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

scp "deny_leave" {
  statement "DenyLeave" {
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization", "ec2:TerminateInstances"]
    resources = ["*"]
  }
}

user "hq_admin" {
  account  = account.hq
  policies = [policy.hq_admin]
}

user "member_admin" {
  account  = account.member
  policies = [policy.member_admin]
}

policy "hq_admin" {
  account = account.hq
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

policy "member_admin" {
  account = account.member
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}

# A service-linked role in the member account and an ordinary role with the
# same permissions and the same trust.
role "AWSServiceRoleForElasticLoadBalancing" {
  account        = account.member
  path           = "/aws-service-role/elasticloadbalancing.amazonaws.com/"
  service_linked = true
  policies       = [policy.member_admin]
  trust {
    statement "Elb" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["elasticloadbalancing.amazonaws.com"]
      }
    }
  }
}

role "OrdinaryElbRole" {
  account  = account.member
  policies = [policy.member_admin]
  trust {
    statement "Elb" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "Service"
        identifiers = ["elasticloadbalancing.amazonaws.com"]
      }
    }
  }
}
