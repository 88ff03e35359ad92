defaults {
  region = "Ireland"
}

defaults {
  region = "eu-west-1"
}

defaults "named" {}
