package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/importer"
)

const cliReferenceAuthz = "../../testdata/import/cli-reference/authz.json"

func TestImportAWS(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "acme")
	code, stdout, stderr := iamc(t, "", "import", "aws", cliReferenceAuthz, "-o", dir)
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr, "no progress off a terminal")
	want := `account account_123456789012 (123456789012): 3 users, 3 groups, 1 role (0 service-linked), 2 customer managed policies, 2 inline policies
AWS managed policies attached: 4 (by ARN; 0 with the account's own version)
policy documents: 5 as statement blocks, 0 as JSON files
` + dir + `: 5 created, 0 updated, 0 deleted, 0 unchanged
skipped (1):
  1 instance profile(s): iamc does not model instance profiles; the roles they hold are imported
not in the export:
  - ` + cliReferenceAuthz + ` say IsTruncated: the export of account 123456789012 is incomplete; run aws iam get-account-authorization-details without --max-items or --no-paginate
  - resource-based policies (bucket, queue, topic, key and other resource policies) are not in the authorization details: the project has none; add resource blocks for those that matter
  - a role's maximum session duration and description are not in the authorization details: the roles take iamc's default of one hour
`
	assert.Equal(t, want, stdout)
	assert.FileExists(t, filepath.Join(dir, "users.hcl"))

	// The same import again: nothing to do.
	code, stdout, _ = iamc(t, "", "import", "aws", cliReferenceAuthz, "-o", dir, "-q")
	assert.Equal(t, 0, code)
	assert.Empty(t, stdout)

	// A changed export: the diff, exit 1, nothing written; then --force.
	src, err := os.ReadFile(cliReferenceAuthz)
	require.NoError(t, err)
	changed := filepath.Join(t.TempDir(), "authz.json")
	require.NoError(t, os.WriteFile(changed, []byte(strings.Replace(string(src), `"Dev"
      ],`, `"Dev", "Finance"
      ],`, 1)), 0o644))
	code, stdout, stderr = iamc(t, "", "import", "aws", changed, "-o", dir)
	assert.Equal(t, 1, code)
	assert.Equal(t, `--- a/users.hcl
+++ b/users.hcl
@@ -18,5 +18,5 @@
 }
 
 user "Charlie" {
-  groups = [group.Dev]
+  groups = [group.Dev, group.Finance]
 }
`, stdout)
	assert.Equal(t, "iamc: "+dir+" holds an earlier import and 1 file would change; nothing written: review the diff and rerun with --force\n", stderr)
	code, _, stderr = iamc(t, "", "import", "aws", changed, "-o", dir, "--force", "-q")
	assert.Equal(t, 0, code, stderr)
	b, err := os.ReadFile(filepath.Join(dir, "users.hcl"))
	require.NoError(t, err)
	assert.Contains(t, string(b), "groups = [group.Dev, group.Finance]")
}

func TestImportAWSErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte("{\"UserDetailList\": [\n  {\"UserName\": [\"alice\"], \"Arn\": \"arn:aws:iam::111122223333:user/alice\"}\n]}\n"), 0o644))
	dir := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := iamc(t, "", "import", "aws", bad, "-o", dir)
	assert.Equal(t, 2, code)
	assert.Empty(t, stdout)
	assert.Equal(t, bad+":2:16: $.UserDetailList[0].UserName: is an array; expected a string\niamc: 1 problem(s) in the input; nothing written\n", stderr)
	assert.NoDirExists(t, dir)

	// A hand-written file in the way.
	require.NoError(t, os.MkdirAll(dir, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "roles.hcl"), []byte("# mine\n"), 0o644))
	code, _, stderr = iamc(t, "", "import", "aws", cliReferenceAuthz, "-o", dir, "--force")
	assert.Equal(t, 2, code)
	assert.Equal(t, "iamc: "+dir+" already holds roles.hcl, which iamc import did not write; it never replaces a file it did not create: move it away or import into another directory\n", stderr)

	for _, args := range [][]string{
		{"import", "aws", cliReferenceAuthz},
		{"import", "aws", "-o", dir},
		{"import", "aws", cliReferenceAuthz, "-o", dir, "--documents", "yaml"},
		{"import", "aws", cliReferenceAuthz, "-o", dir, "--split", "team"},
	} {
		code, _, stderr = iamc(t, "", args...)
		assert.Equal(t, 2, code, "%v: %s", args, stderr)
		assert.Contains(t, stderr, "Run 'iamc --help' for usage.", "%v", args)
	}
}

// The organization's import, with its listings.
func TestImportAWSOrganization(t *testing.T) {
	authz, err := filepath.Glob("../../testdata/import/org/authz/*.json")
	require.NoError(t, err)
	dir := filepath.Join(t.TempDir(), "acme")
	code, stdout, stderr := iamc(t, "", append(append([]string{"import", "aws"}, authz...), "--org", "../../testdata/import/org/organizations", "-o", dir)...)
	require.Equal(t, 0, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "organization o-acme4x7k2p: 4 units, 5 accounts, 4 SCPs, 1 RCPs\n"), stdout)
	assert.Contains(t, stdout, "account prod (222222222222): 1 user, 0 groups, 4 roles (1 service-linked), 3 customer managed policies, 2 inline policies\n")
	assert.Contains(t, stdout, "account sandbox (555555555555): no authorization details\n")
	assert.FileExists(t, filepath.Join(dir, "accounts", "prod", "roles.hcl"))
}

// On a terminal the import rewrites one status line as it advances.
func TestImportProgress(t *testing.T) {
	var b strings.Builder
	p := progressPrinter(&b)
	p(importer.Progress{Stage: "reading a.json", Done: 0, Total: 1})
	p(importer.Progress{Stage: "policy documents", Done: 50, Total: 1700})
	assert.Equal(t, "\r\x1b[Kimport: reading a.json\r\x1b[Kimport: policy documents 50/1700", b.String())
	assert.False(t, isTerminal(&b))
}
