organization "o" {}

unit "a" { parent = unit.b }
unit "b" { parent = unit.a }

account "x" {
  id     = "111122223333"
  parent = unit.a
}
