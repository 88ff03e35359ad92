package schema_test

import (
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/schema"
)

func loadFiles(t *testing.T, files map[string]string) (*schema.Project, hcl.Diagnostics) {
	t.Helper()
	fs := fstest.MapFS{}
	for name, src := range files {
		fs[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return schema.LoadFS(fs)
}

// expect_statement names an AWS managed policy as aws_policy.<Name>; an
// unknown name is an error with a suggestion.
func TestExpectStatementAWSPolicy(t *testing.T) {
	p, diags := loadFiles(t, map[string]string{
		"main.hcl": `user "u" { policies = ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }`,
		"a_test.hcl": `test "known" {
  principal        = user.u
  action           = "s3:GetObject"
  resource         = "*"
  expect           = "allow"
  expect_statement = aws_policy.ReadOnlyAccess.statement.ReadOnlyActionsGroup1
}
test "unknown" {
  principal        = user.u
  action           = "s3:GetObject"
  resource         = "*"
  expect           = "allow"
  expect_statement = aws_policy.ReadOnlyAcess.statement[0]
}`,
	})
	require.Len(t, diags, 1)
	assert.Equal(t, "Unknown AWS managed policy", diags[0].Summary)
	assert.Contains(t, diags[0].Detail, "did you mean aws_policy.ReadOnlyAccess?")
	require.NotEmpty(t, p.Tests)
	assert.Equal(t, "aws_policy.ReadOnlyAccess.statement.ReadOnlyActionsGroup1", p.Tests[0].ExpectStatement.Value)
}

// A for_each over blocks names each row by the block's label, which is
// unique where IAM names are not.
func TestForEachRowsOfBlocksByLabel(t *testing.T) {
	p, diags := loadFiles(t, map[string]string{
		"main.hcl": `account "a" { id = "111111111111" }
account "b" { id = "222222222222" }
user "alice_a" {
  account = account.a
  name    = "alice"
}
user "alice_b" {
  account = account.b
  name    = "alice"
}`,
		"a_test.hcl": `test "each alice" {
  for_each  = [user.alice_a, user.alice_b]
  principal = each.value
  action    = "s3:GetObject"
  resource  = "*"
  expect    = "implicit_deny"
}`,
	})
	require.False(t, diags.HasErrors(), "%s", diags)
	var names, principals []string
	for _, tc := range p.Tests {
		names = append(names, tc.Name)
		principals = append(principals, tc.Principal.Value)
	}
	assert.Equal(t, []string{"each alice[alice_a]", "each alice[alice_b]"}, names)
	assert.Equal(t, []string{"arn:aws:iam::111111111111:user/alice", "arn:aws:iam::222222222222:user/alice"}, principals)
}

// A suppression covers its own block (and the JSON document it reads); the
// check block's covers the whole project.
func TestSuppressionScope(t *testing.T) {
	p, diags := loadFiles(t, map[string]string{
		"main.hcl": `user "u" { policies = [policy.p, policy.q] }
policy "p" {
  statement {
    suppress  = { REDUNDANT_ACTION = "mirrors the runbook" }
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
policy "q" {
  suppress = { MISSING_VERSION = "kept as exported" }
  document = file("q.json")
}
check {
  suppress = { UNATTACHED_POLICY = "attached by the pipeline" }
}`,
		"q.json": `{"Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}`,
	})
	require.False(t, diags.HasErrors(), "%s", diags)
	require.Len(t, p.Suppressions, 3)
	by := map[string]*schema.Suppression{}
	for _, s := range p.Suppressions {
		by[s.Code.Value] = s
		assert.NotEmpty(t, s.Reason.Value)
	}
	at := func(file string, line, byteOffset int) *hcl.Range {
		return &hcl.Range{Filename: file, Start: hcl.Pos{Line: line, Column: 1, Byte: byteOffset}}
	}
	stmt := p.Policies[0].Document.Statements[0]
	assert.True(t, by["REDUNDANT_ACTION"].Covers(&stmt.Actions[0].Range), "the statement's own action")
	assert.False(t, by["REDUNDANT_ACTION"].Covers(&p.Policies[1].DeclRange), "another policy")
	assert.True(t, by["MISSING_VERSION"].Covers(at("q.json", 1, 0)), "the document the policy reads")
	assert.False(t, by["MISSING_VERSION"].Covers(&stmt.Range))
	assert.True(t, by["UNATTACHED_POLICY"].Covers(at("main.hcl", 1, 0)), "the project-level list")
	assert.True(t, by["UNATTACHED_POLICY"].Covers(nil), "even a finding about the project as a whole")
	assert.False(t, by["REDUNDANT_ACTION"].Covers(nil))
}
