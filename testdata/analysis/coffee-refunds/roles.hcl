# Two roles the employee can take on during the day. Assuming one gives up
# the access of the other: a session has only its role's permissions.

role "Cashier" {
  path                 = "/shop/"
  policies             = [policy.register, policy.guardrails]
  max_session_duration = "8h"

  trust {
    statement "EmployeeWithMFA" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.employee.arn]
      }
      condition {
        test     = "Bool"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }
  }
}

role "Inventory" {
  path                 = "/shop/"
  policies             = [policy.inventory, policy.guardrails]
  max_session_duration = "8h"

  trust {
    statement "EmployeeWithMFA" {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = [user.employee.arn]
      }
      condition {
        test     = "Bool"
        variable = "aws:MultiFactorAuthPresent"
        values   = ["true"]
      }
    }
  }
}
