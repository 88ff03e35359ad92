policy "legacy" {
  document = file("legacy.json")
}
