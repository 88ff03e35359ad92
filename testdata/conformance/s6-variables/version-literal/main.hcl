# §6: policy variables work only with Version 2012-10-17. Under 2008-10-17,
# or with no Version, ${…} is literal text.

account "main" { id = "111111111111" }

user "alice" {
  policies = [policy.v2008, policy.no_version, policy.v2012]
}

user "bob" {}

policy "v2008" {
  version = "2008-10-17"
  statement "OldVersion" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::home-08/$${aws:username}/*"]
  }
}

policy "no_version" {
  document = file("no_version.json")
}

policy "v2012" {
  document = file("v2012.json")
}

resource "shared_08" {
  arn = "arn:aws:s3:::shared-08"
  policy {
    document = file("bucket_2008.json")
  }
}
