# Rule 7: with a key absent, positive operators are false, negated operators
# true, …IfExists true, ForAllValues true, ForAnyValue false; Bool
# aws:MultiFactorAuthPresent is absent for long-term keys. All in the identity
# policy of a user making requests with long-term keys and no context.

account "main" { id = "111111111111" }

user "u" { policies = [policy.absent] }

policy "absent" {
  statement "S3" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
  statement "DenyWithoutMfaWrongly" {
    effect    = "Deny"
    actions   = ["s3:DeleteObject"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
  statement "AllValues" {
    actions   = ["ec2:RunInstances"]
    resources = ["*"]
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "aws:TagKeys"
      values   = ["env"]
    }
  }
  statement "AnyValue" {
    actions   = ["ec2:CreateTags"]
    resources = ["*"]
    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "aws:TagKeys"
      values   = ["env"]
    }
  }
  statement "IfExists" {
    actions   = ["ec2:StartInstances"]
    resources = ["*"]
    condition {
      test     = "StringEqualsIfExists"
      variable = "ec2:InstanceType"
      values   = ["t3.micro"]
    }
  }
  statement "Positive" {
    actions   = ["ec2:StopInstances"]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "ec2:InstanceType"
      values   = ["t3.micro"]
    }
  }
  statement "Negated" {
    actions   = ["ec2:RebootInstances"]
    resources = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "ec2:InstanceType"
      values   = ["p4d.24xlarge"]
    }
  }
  statement "NullTrue" {
    actions   = ["ec2:DescribeImages"]
    resources = ["*"]
    condition {
      test     = "Null"
      variable = "ec2:InstanceType"
      values   = ["true"]
    }
  }
}
