// Package wildcard matches the wildcard patterns of IAM policies
// (docs/semantics.md §2.1 and §2.2): '*' matches any run of characters,
// including none, '?' exactly one character, and every other character
// itself. Matching is case-sensitive; action names, which IAM compares
// without case, are lowered by the caller. Segment rules (a wildcard in an
// ARN's first five segments stays inside its segment) are the caller's too.
package wildcard

// Match reports whether s matches pattern p. It runs in O(len(p)·len(s))
// at worst and allocates only to decode UTF-8.
func Match(p, s string) bool {
	pr, sr := []rune(p), []rune(s)
	pi, si := 0, 0
	star, mark := -1, 0 // the last '*' seen, and where in s it began
	for si < len(sr) {
		switch {
		case pi < len(pr) && pr[pi] == '*':
			star, mark = pi, si
			pi++
		case pi < len(pr) && (pr[pi] == '?' || pr[pi] == sr[si]):
			pi++
			si++
		case star >= 0: // let the last '*' take one more character
			pi = star + 1
			mark++
			si = mark
		default:
			return false
		}
	}
	for pi < len(pr) && pr[pi] == '*' {
		pi++
	}
	return pi == len(pr)
}

// Covers reports whether pattern p matches every string that pattern q
// matches. It is sound: true only when that holds. A q without wildcards is
// covered exactly when it matches p. It runs in O(len(p)·len(q)).
func Covers(p, q string) bool {
	pr, qr := []rune(p), []rune(q)
	n, m := len(pr), len(qr)
	// next[j] holds whether pr[i+1:] covers qr[j:]; cur[j] the same for
	// pr[i:].
	next, cur := make([]bool, m+1), make([]bool, m+1)
	next[m] = true
	for i := n - 1; i >= 0; i-- {
		for j := m; j >= 0; j-- {
			switch {
			case pr[i] == '*':
				cur[j] = next[j] || (j < m && cur[j+1])
			case j == m || qr[j] == '*':
				cur[j] = false
			case pr[i] == '?':
				cur[j] = next[j+1]
			case qr[j] == '?':
				cur[j] = false
			default:
				cur[j] = pr[i] == qr[j] && next[j+1]
			}
		}
		next, cur = cur, next
	}
	return next[0]
}
