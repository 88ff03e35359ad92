// Package suggest finds the name a likely typo meant, for "did you mean"
// hints.
package suggest

import (
	"strings"

	"github.com/agext/levenshtein"
)

// Closest returns the candidate nearest to name by edit distance, compared
// without case, the first of the candidates on ties; false when none is
// close enough to be a likely typo: one edit for names up to 7 characters,
// two up to 11, three beyond. Failing that, a name of three characters or
// more that begins exactly one candidate (a name cut short, "deploy" for
// "deployer") gets that candidate.
func Closest(name string, candidates []string) (string, bool) {
	limit := min(3, max(1, len(name)/4))
	lower := strings.ToLower(name)
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := len(c) - len(name); d > limit || -d > limit {
			continue
		}
		if d := levenshtein.Distance(lower, strings.ToLower(c), nil); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == "" && len(name) >= 3 {
		best = onlyExtension(lower, candidates)
	}
	return best, best != ""
}

// onlyExtension returns the one candidate that begins with prefix (already
// lower-cased) and is longer, or "" when none or several do.
func onlyExtension(prefix string, candidates []string) string {
	found := ""
	for _, c := range candidates {
		if len(c) > len(prefix) && strings.HasPrefix(strings.ToLower(c), prefix) {
			if found != "" && found != c {
				return ""
			}
			found = c
		}
	}
	return found
}
