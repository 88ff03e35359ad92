package schema_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/schema"
)

// TestAmbiguousPolicyValues: a policy value that cannot mean one thing is a
// diagnostic where it is written, in JSON documents and in HCL alike: a
// number out of the range of a 64-bit float (1e999999999 used to fail the
// build with "Cannot encode the model: json: invalid number literal
// \"+Inf\"" and no location; in HCL 1e99999 became a 100,000-digit string),
// and a condition key given twice in one operator in two spellings
// (condition key names are case-insensitive, docs/semantics.md §5.1: AWS reads
// one key, and which of the two values counts is anyone's guess).
func TestAmbiguousPolicyValues(t *testing.T) {
	fsys := fstest.MapFS{
		"main.hcl": {Data: []byte(`user "u" { policies = [policy.p, policy.j] }
policy "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test     = "NumericLessThan"
      variable = "s3:max-keys"
      values   = [1e99999, 10]
    }
    condition {
      test     = "NumericGreaterThan"
      variable = "s3:max-keys"
      values   = [1e-99999]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["a"]
    }
    condition {
      test     = "StringEquals"
      variable = "AWS:PrincipalTag/TEAM"
      values   = ["b"]
    }
    condition {
      test     = "StringLike"
      variable = "aws:principaltag/team"
      values   = ["c*"]
    }
  }
}
policy "j" {
  document = file("doc.json")
}
policy "k" {
  document = file("dup.json")
}
`)},
		"doc.json": {Data: []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condition": {"NumericLessThan": {"s3:max-keys": 1e999999999}}}]}
`)},
		"dup.json": {Data: []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
  "Condition": {"StringEquals": {"aws:SourceVpc": "vpc-1", "AWS:SOURCEVPC": "vpc-2"},
                "StringLike": {"aws:sourcevpc": "vpc-*"}}}]}
`)},
	}
	p, diags := schema.LoadFS(fsys)
	require.NotNil(t, p)
	var b strings.Builder
	require.NoError(t, schema.DiagWriter{Sources: p.Sources}.Write(&b, diags))
	got := b.String()
	for _, want := range []string{
		`main.hcl:9:19: error: Number out of range: 1e+99999 cannot be represented as a 64-bit floating-point number`,
		`main.hcl:14:19: error: Number out of range: 1e-99999 cannot be represented`,
		`main.hcl:23:18: error: Duplicate condition key: "AWS:PrincipalTag/TEAM" is the key "aws:PrincipalTag/team" of the StringEquals condition at line 16, spelled differently`,
		`doc.json:2:52: error: Number out of range: 1e999999999 cannot be represented as a 64-bit floating-point number`,
		`dup.json:2:60: error: Duplicate condition key: "AWS:SOURCEVPC" is already a key of StringEquals at line 2 (condition key names are case-insensitive)`,
	} {
		assert.Contains(t, got, want)
	}
	assert.Equal(t, 5, strings.Count(got, ": error: "), "the same key under another operator is no duplicate:\n%s", got)
}
