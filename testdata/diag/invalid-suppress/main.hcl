user "u" {
  suppress = { USER_WITHOUT_PERMISSIONS = "" }
}

policy "p" {
  suppress = { "not a code" = "why", UNATTACHED_POLICY = 1 }
  statement {
    suppress  = ["REDUNDANT_ACTION"]
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}

check {
  suppress = { UNKNOWN_SERVICE = "  " }
}
