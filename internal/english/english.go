// Package english writes counts as people read them.
package english

import "strconv"

// Count is n with the noun in the number n takes: "1 role", "2 roles",
// "0 policies" (the plural is given, for the nouns that do not add s).
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
