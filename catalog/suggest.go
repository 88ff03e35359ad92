package catalog

import "github.com/agext/levenshtein"

// maxTypoDistance is the largest edit distance at which a name counts as a
// likely typo of a candidate: one edit for names up to 7 characters, two up
// to 11, three beyond.
func maxTypoDistance(name string) int {
	return min(3, max(1, len(name)/4))
}

// closest returns the index of the lower-cased candidate nearest to the
// lower-cased name by Levenshtein distance, the first on ties, and false if
// none is within maxTypoDistance.
func closest(name string, candidates []string) (int, bool) {
	limit := maxTypoDistance(name)
	best, bestDist := -1, limit+1
	for i, c := range candidates {
		if d := len(c) - len(name); d > limit || -d > limit {
			continue
		}
		if d := levenshtein.Distance(name, lowerASCII(c), nil); d < bestDist {
			best, bestDist = i, d
			if d == 0 {
				break
			}
		}
	}
	return best, best >= 0
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return string(lowerInto(make([]byte, 0, len(s)), s))
		}
	}
	return s
}
