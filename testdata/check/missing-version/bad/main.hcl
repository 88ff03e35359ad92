user "dev" {
  policies = [policy.legacy]
}

policy "legacy" {
  document = file("legacy.json")
}
