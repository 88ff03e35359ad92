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
		{"new", "newbie", true},         // cut short: the one name it begins
		{"Cash", "Cashier", true},       // cut short, case aside
		{"ow", "", false},               // too short to stand for a name
	} {
		got, ok := Closest(c.name, names)
		if got != c.want || ok != c.ok {
			t.Errorf("Closest(%q) = %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

// A name cut short that begins several candidates suggests none of them.
func TestClosestAmbiguousPrefix(t *testing.T) {
	if got, ok := Closest("deploy", []string{"deployer", "deployment"}); ok {
		t.Errorf("Closest(deploy) = %q; want no suggestion between deployer and deployment", got)
	}
	if got, ok := Closest("deploy", []string{"deployer", "owner"}); !ok || got != "deployer" {
		t.Errorf("Closest(deploy) = %q, %v; want deployer", got, ok)
	}
}
