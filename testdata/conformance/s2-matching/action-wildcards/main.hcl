# §2.1 Action matching: wildcards * and ? in the action name, the service
# prefix matched literally, and case-insensitive prefixes and names.

account "main" { id = "111111111111" }

user "reader" { policies = [policy.get_star] }
user "qmark" { policies = [policy.get_qmark] }
user "keys" { policies = [policy.access_key_star] }
user "s3all" { policies = [policy.s3_all] }
user "upper" { policies = [policy.upper_case] }
user "everything" { policies = [policy.star] }

policy "get_star" {
  statement "GetStar" {
    actions   = ["s3:Get*"]
    resources = ["*"]
  }
}

policy "get_qmark" {
  statement "GetQmark" {
    actions   = ["s3:Get?bject"]
    resources = ["*"]
  }
}

policy "access_key_star" {
  statement "AccessKeyStar" {
    actions   = ["iam:*AccessKey*"]
    resources = ["*"]
  }
}

policy "s3_all" {
  statement "S3All" {
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

policy "upper_case" {
  statement "UpperCase" {
    actions   = ["IAM:listaccesskeys", "S3:GETOBJECT"]
    resources = ["*"]
  }
}

policy "star" {
  statement "Everything" {
    actions   = ["*"]
    resources = ["*"]
  }
}
