package importer_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/importer"
)

func importInto(t *testing.T, dir string, force bool, authz ...string) (*importer.Report, error) {
	t.Helper()
	return importer.Import(context.Background(), importer.Options{Authz: authz, Dir: dir, Force: force})
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

// A first import writes every file and a manifest; the same import again
// changes nothing.
func TestImportWrites(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "project")
	authz := filepath.Join(cliReference, "authz.json")
	r, err := importInto(t, dir, false, authz)
	require.NoError(t, err)
	assert.False(t, r.Pending)
	assert.Equal(t, []string{"accounts.hcl", "groups.hcl", "policies.hcl", "roles.hcl", "users.hcl"}, r.Created)
	for name, data := range r.Files {
		assert.Equal(t, string(data), readFile(t, filepath.Join(dir, name)))
	}
	var m struct {
		Files map[string]string `json:"files"`
	}
	require.NoError(t, json.Unmarshal([]byte(readFile(t, filepath.Join(dir, importer.ManifestName))), &m))
	assert.Len(t, m.Files, 5)

	r, err = importInto(t, dir, false, authz)
	require.NoError(t, err)
	assert.False(t, r.Pending)
	assert.Empty(t, r.Created)
	assert.Empty(t, r.Updated)
	assert.Len(t, r.Unchanged, 5)
}

// A re-import that changes the project shows the diff and writes nothing
// without Force; with Force it writes, deletes what it wrote before and no
// longer writes, keeps such a file when it was edited, and never touches a
// file it did not write.
func TestReimport(t *testing.T) {
	t.Parallel()
	work := t.TempDir()
	dir := filepath.Join(work, "project")
	v1 := filepath.Join(work, "v1.json")
	v2 := filepath.Join(work, "v2.json")
	require.NoError(t, os.WriteFile(v1, []byte(`{
  "UserDetailList": [{"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice"}],
  "GroupDetailList": [{"GroupName": "ops", "Arn": "arn:aws:iam::111122223333:group/ops",
    "GroupPolicyList": [{"PolicyName": "legacy", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}}]}],
  "RoleDetailList": [{"RoleName": "old", "Arn": "arn:aws:iam::111122223333:role/old", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}]
}`), 0o644))
	require.NoError(t, os.WriteFile(v2, []byte(`{
  "UserDetailList": [{"UserName": "alice", "Arn": "arn:aws:iam::111122223333:user/alice", "GroupList": ["ops"]}],
  "GroupDetailList": [{"GroupName": "ops", "Arn": "arn:aws:iam::111122223333:group/ops"}]
}`), 0o644))
	_, err := importInto(t, dir, false, v1)
	require.NoError(t, err)
	require.FileExists(t, filepath.Join(dir, "roles.hcl"))
	require.FileExists(t, filepath.Join(dir, "policies/group/ops/legacy.json"))

	// Hand-written files beside the import.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "mine_test.hcl"), []byte("# tests\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "policies/group/ops/legacy.json"), []byte("{\"edited\": true}\n"), 0o644))
	before := readFile(t, filepath.Join(dir, "users.hcl"))

	r, err := importInto(t, dir, false, v2)
	require.NoError(t, err)
	assert.True(t, r.Pending)
	assert.Equal(t, []string{"groups.hcl", "users.hcl"}, r.Updated)
	assert.Equal(t, []string{"roles.hcl"}, r.Deleted)
	assert.Equal(t, []string{"policies/group/ops/legacy.json"}, r.Kept)
	assert.Contains(t, r.Diff, "--- a/users.hcl\n+++ b/users.hcl\n")
	assert.Contains(t, r.Diff, "+  groups = [group.ops]\n")
	assert.Contains(t, r.Diff, "--- a/roles.hcl\n+++ b/roles.hcl\n")
	assert.Equal(t, before, readFile(t, filepath.Join(dir, "users.hcl")), "nothing written without Force")
	require.FileExists(t, filepath.Join(dir, "roles.hcl"))

	r, err = importInto(t, dir, true, v2)
	require.NoError(t, err)
	assert.False(t, r.Pending)
	assert.Contains(t, readFile(t, filepath.Join(dir, "users.hcl")), "groups = [group.ops]")
	assert.NoFileExists(t, filepath.Join(dir, "roles.hcl"))
	assert.Equal(t, "{\"edited\": true}\n", readFile(t, filepath.Join(dir, "policies/group/ops/legacy.json")), "an edited file is kept")
	assert.Equal(t, "# tests\n", readFile(t, filepath.Join(dir, "mine_test.hcl")))
}

// A file the import would write but did not create is never replaced, even
// with Force; nothing else is written either.
func TestConflict(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "users.hcl"), []byte("# mine\n"), 0o644))
	_, err := importInto(t, dir, true, filepath.Join(cliReference, "authz.json"))
	var conflict *importer.ConflictError
	require.True(t, errors.As(err, &conflict), "%v", err)
	assert.Equal(t, []string{"users.hcl"}, conflict.Paths)
	assert.Equal(t, dir+" already holds users.hcl, which iamc import did not write; it never replaces a file it did not create: move it away or import into another directory", err.Error())
	assert.Equal(t, "# mine\n", readFile(t, filepath.Join(dir, "users.hcl")))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "nothing written")
}

// A manifest that names files outside the directory, or is not a manifest,
// makes the import delete nothing outside it.
func TestHostileManifest(t *testing.T) {
	t.Parallel()
	work := t.TempDir()
	dir := filepath.Join(work, "project")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	outside := filepath.Join(work, "precious.txt")
	require.NoError(t, os.WriteFile(outside, []byte("keep"), 0o644))
	sum := "6c9ba8c9c3b5e0b0d1b5c8f5a1c9b0b3d2e8f1a7c3b4d5e6f708192a3b4c5d6e" // not the file's digest: it must not matter
	manifest := `{"generator": "iamc import aws", "files": {"../precious.txt": "` + sum + `", "/etc/passwd": "x", "a/../../precious.txt": "x"}}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, importer.ManifestName), []byte(manifest), 0o644))
	_, err := importInto(t, dir, true, filepath.Join(cliReference, "authz.json"))
	require.NoError(t, err)
	assert.Equal(t, "keep", readFile(t, outside))

	require.NoError(t, os.WriteFile(filepath.Join(dir, importer.ManifestName), []byte("[]"), 0o644))
	_, err = importInto(t, dir, true, filepath.Join(cliReference, "authz.json"))
	require.Error(t, err)
	assert.True(t, strings.HasPrefix(err.Error(), ".iamc-import.json is not a manifest of iamc import"), err.Error())
}

// Bad input writes nothing, not even the directory.
func TestNoPartialOutput(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "project")
	bad := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"UserDetailList": [{"UserName": 1}]}`), 0o644))
	_, err := importInto(t, dir, false, filepath.Join(cliReference, "authz.json"), bad)
	var ie importer.InputErrors
	require.True(t, errors.As(err, &ie))
	assert.NoDirExists(t, dir)
}
