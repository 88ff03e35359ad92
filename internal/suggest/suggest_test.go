package suggest

import "testing"

func TestClosest(t *testing.T) {
	names := []string{"employee", "owner", "newbie", "Cashier"}
	for _, c := range []struct {
		name, want string
		ok         bool
	}{
		{"employe", "employee", true},   // one edit
		{"cashier", "Cashier", true},    // case does not count
		{"ownr", "owner", true},         // one edit, short name
		{"onwre", "", false},            // three edits in five letters
		{"administrator", "", false},    // nothing near
		{"", "", false},                 // nothing to match
		{"employeee", "employee", true}, // within two edits of nine letters
	} {
		got, ok := Closest(c.name, names)
		if got != c.want || ok != c.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}
