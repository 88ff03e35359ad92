# A service-linked role belongs to its service: customers can view it and tag
# it, but its trust policy, its permissions, its boundary and its deletion are
# the service's, whatever the customer's own policies allow.

account "main" { id = "111111111111" }

user "admin" {
  policies = [policy.admin]
}

role "AWSServiceRoleForElasticLoadBalancing" {
  path           = "/aws-service-role/elasticloadbalancing.amazonaws.com/"
  service_linked = true
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

# An ordinary role with the same trust, for contrast.
role "ElbHelper" {
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

policy "admin" {
  statement "Admin" {
    actions   = ["*"]
    resources = ["*"]
  }
}
