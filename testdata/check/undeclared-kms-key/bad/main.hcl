# The role may decrypt with a key the project does not declare: iamc decides
# such requests as if the key had the default key policy.
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
