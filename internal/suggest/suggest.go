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
// two up to 11, three beyond.
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
	return best, best != ""
}
