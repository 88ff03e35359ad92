package compiler

import "testing"

// TestMatchAction: a lowered action pattern matches in Go as it does in the
// core (docs/semantics.md §2.1, case-insensitive); the glob quoting of
// lowering is undone, so that metacharacters of other glob syntaxes stay
// literal.
func TestMatchAction(t *testing.T) {
	t.Parallel()
	cases := []struct {
		action, request string
		want            bool
	}{
		{"*", "s3:GetObject", true},
		{"s3:GetObject", "S3:getobject", true},
		{"s3:Get*", "s3:GetObject", true},
		{"s3:Get*", "s3:PutObject", false},
		{"s3:*Object*", "s3:GetObjectAcl", true},
		{"s3:Get?bject", "s3:GetObject", true},
		{"s3:Get?bject", "s3:GetBject", false},
		{"s3:*", "s3express:CreateSession", false},
		{"iam:[x]*", "iam:[x]y", true},
		{"iam:[x]*", "iam:xy", false},
		{`iam:{a,b}?`, "iam:{a,b}c", true},
		{`iam:\*`, `iam:\x`, true},
	}
	for _, c := range cases {
		if got := matchAction(actionPattern(c.action), c.request); got != c.want {
			t.Errorf("matchAction(%q, %q) = %v, want %v", c.action, c.request, got, c.want)
		}
	}
}
