package compiler

import "testing"

// TestWildcardMatch: IAM action wildcards (SEMANTICS.md §2.1): * matches
// zero or more characters, ? exactly one; quoted metacharacters are literal.
func TestWildcardMatch(t *testing.T) {
	cases := []struct {
		pattern, s string
		want       bool
	}{
		{"s3:get*", "s3:getobject", true},
		{"s3:get*", "s3:get", true},
		{"s3:get*", "s3:put", false},
		{"s3:*object*", "s3:getobjectacl", true},
		{"s3:*object*", "s3:listbucket", false},
		{"s3:get?bject", "s3:getobject", true},
		{"s3:get?bject", "s3:getbject", false},
		{"*", "", true},
		{"a*b*c", "abc", true},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXbY", false},
		{"a*b", "abab", true},
		{"**", "x", true},
		{"a?", "a", false},
		{globOf("iam:[x]*", "*", "?"), "iam:[x]y", true},
		{globOf("iam:[x]*", "*", "?"), "iam:xy", false},
	}
	for _, c := range cases {
		if got := wildcardMatch(c.pattern, c.s); got != c.want {
			t.Errorf("wildcardMatch(%q, %q) = %v, want %v", c.pattern, c.s, got, c.want)
		}
	}
}
