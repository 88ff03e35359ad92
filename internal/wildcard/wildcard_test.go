package wildcard_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iamc/iamc/internal/wildcard"
)

// TestMatch: the wildcards of docs/semantics.md §2.1 (actions, here already
// lowered as IAM compares them) and §2.2 (resources, case-sensitive; '*'
// spans '/' and ':' in the resource part).
func TestMatch(t *testing.T) {
	t.Parallel()
	cases := []struct {
		pattern, s string
		want       bool
	}{
		// §2.1: * is zero or more characters, ? exactly one, anywhere.
		{"s3:get*", "s3:getobject", true},
		{"s3:get*", "s3:get", true},
		{"s3:get*", "s3:put", false},
		{"iam:*accesskey*", "iam:listaccesskeys", true},
		{"iam:*accesskey*", "iam:listusers", false},
		{"s3:get?bject", "s3:getobject", true},
		{"s3:get?bject", "s3:getbject", false},
		{"s3:get?bject", "s3:getoobject", false},
		// §2.1: the service prefix is literal: s3:* is not s3express:*.
		{"s3:*", "s3express:createsession", false},
		{"*", "", true},
		{"*", "s3:getobject", true},
		// §2.2: * spans '/' and ':' in the resource part.
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b/c", true},
		{"arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/", true},
		{"arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ec2:us-east-1:111122223333:instance/i-1", true},
		{"table/*", "table/t:index/x", true},
		// §2.2: case-sensitive; a bucket ARN is not its objects'.
		{"arn:aws:s3:::bucket/Reports/*", "arn:aws:s3:::bucket/reports/q1", false},
		{"arn:aws:s3:::b", "arn:aws:s3:::b/k", false},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b", false},
		// Backtracking over several stars; ? needs a character.
		{"a*b*c", "abc", true},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXbY", false},
		{"a*b", "abab", true},
		{"**", "x", true},
		{"a?", "a", false},
		{"?", "é", true},
		// Characters special to other glob syntaxes are literal.
		{"iam:[x]*", "iam:[x]y", true},
		{"iam:[x]*", "iam:xy", false},
		{`a\*`, `a\bc`, true},
		{"{a,b}", "a", false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, wildcard.Match(c.pattern, c.s), "Match(%q, %q)", c.pattern, c.s)
	}
}

// TestCovers: p covers q when every string q matches also matches p.
func TestCovers(t *testing.T) {
	t.Parallel()
	cases := []struct {
		p, q string
		want bool
	}{
		{"*", "*", true},
		{"*", "s3:get*", true},
		{"s3:*", "s3:get*", true},
		{"s3:get*", "s3:*", false},
		{"s3:get*", "s3:getobject", true},
		{"s3:get*", "s3:get?bject", true},
		{"s3:get?bject", "s3:get*", false},
		{"s3:get?bject", "s3:getobject", true},
		{"s3:getobject", "s3:get?bject", false},
		{"role/*", "role/ci/*", true},
		{"role/ci/*", "role/*", false},
		{"role/*", "user/*", false},
		{"a*", "a", true},
		{"a?", "a*", false},
		{"*a", "*a", true},
		{"*a", "*", false},
		{"", "", true},
		{"", "*", false},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, wildcard.Covers(c.p, c.q), "Covers(%q, %q)", c.p, c.q)
	}
}

// TestCoversAgreesWithMatch: on strings without wildcards, Covers is Match.
func TestCoversAgreesWithMatch(t *testing.T) {
	t.Parallel()
	patterns := []string{"*", "a*", "*b", "a?c", "a*b*c", "?", "abc", ""}
	strs := []string{"", "a", "b", "ab", "abc", "axc", "aXbYc", "cab"}
	for _, p := range patterns {
		for _, s := range strs {
			assert.Equal(t, wildcard.Match(p, s), wildcard.Covers(p, s), "Covers(%q, %q)", p, s)
		}
	}
}

func FuzzCovers(f *testing.F) {
	f.Add("a*b?", "a*bc", "axbc")
	f.Fuzz(func(t *testing.T, p, q, s string) {
		// Soundness: if p covers q, every s that q matches, p matches.
		if len(p) > 64 || len(q) > 64 || len(s) > 64 {
			return
		}
		if wildcard.Covers(p, q) && wildcard.Match(q, s) && !wildcard.Match(p, s) {
			t.Fatalf("Covers(%q, %q) but %q matches only the second", p, q, s)
		}
	})
}
