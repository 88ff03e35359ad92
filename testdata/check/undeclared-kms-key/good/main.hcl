# The key is declared with its key policy, so iamc decides as AWS KMS does.
role "app" {
  policies = [policy.decrypt]
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

policy "decrypt" {
  statement "UseKey" {
    actions   = ["kms:Decrypt"]
    resources = ["arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  }
}

resource "app_key" {
  arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  policy {
    statement "EnableIAMPolicies" {
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::123456789012:root"]
      }
      actions   = ["kms:*"]
      resources = ["*"]
    }
  }
}
