package schema_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/schema"
)

// TestProjectConfinement: nothing outside the project directory is read,
// whatever a symbolic link inside it points to — a source file, a file that
// file() loads (a JSON policy document among them), a *_test.rego file, a
// directory. The diagnostic names the link where it is used (the file()
// call's file:line:col), never what the target holds. Links that stay in
// the project are followed.
func TestProjectConfinement(t *testing.T) {
	secretDir := t.TempDir()
	secret := filepath.Join(secretDir, "secret.json")
	const content = "TOP-SECRET-CONTENT"
	require.NoError(t, os.WriteFile(secret, []byte(`{"Version": "2012-10-17", "Statement": "`+content+`"}`), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(secretDir, "extra.hcl"), []byte(`user "intruder" {}`), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(secretDir, "x_test.rego"), []byte("package x\n# "+content+"\n"), 0o600))

	dir := t.TempDir()
	write := func(name, src string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	write("main.hcl", `user "u" {}
policy "leak" {
  document = file("creds.json")
}
policy "inside" {
  document = file("alias.json")
}
`)
	write("doc.json", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)
	require.NoError(t, os.Symlink(secret, filepath.Join(dir, "creds.json")))
	require.NoError(t, os.Symlink("doc.json", filepath.Join(dir, "alias.json")))
	require.NoError(t, os.Symlink(filepath.Join(secretDir, "extra.hcl"), filepath.Join(dir, "extra.hcl")))
	require.NoError(t, os.Symlink(filepath.Join(secretDir, "x_test.rego"), filepath.Join(dir, "x_test.rego")))
	require.NoError(t, os.Symlink(secretDir, filepath.Join(dir, "vendor")))

	p, diags := schema.Load(dir)
	require.True(t, diags.HasErrors())
	var b strings.Builder
	require.NoError(t, schema.DiagWriter{Sources: p.Sources}.Write(&b, diags))
	out := b.String()
	assert.NotContains(t, out, content)
	assert.Contains(t, out, `main.hcl:3:14: error: Error in function call: Call to function "file" failed: creds.json is a symbolic link that leads outside the project directory`)
	assert.Contains(t, out, `extra.hcl:1:1: error: Cannot read file: extra.hcl is a symbolic link that leads outside the project directory`)
	assert.Equal(t, 3, strings.Count(out, "leads outside the project directory"), out)
	for name, src := range p.Sources {
		assert.NotContains(t, string(src), content, name)
	}
	for name, src := range p.RegoTests {
		assert.NotContains(t, string(src), content, name)
	}
	for _, u := range p.Users {
		assert.NotEqual(t, "intruder", u.Name, "a source outside the project was loaded")
	}
	assert.NotContains(t, out, "alias.json", "a link inside the project is followed")
}
