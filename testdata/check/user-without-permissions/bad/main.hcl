user "idle" {
}
