package format_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/format"
)

// messy is a project written carelessly: odd indentation, unaligned
// equals signs, a heredoc JSON policy whose text must not change, and
// comments.
var messy = map[string]string{
	"main.hcl": `# people
user   "dev"{
policies=[policy.read,policy.legacy]
    groups = [ group.staff ]
}
group "staff" {
  policies = [policy.read]
}

policy "read" {
      statement "Read" {
  effect = "Allow"   # the default
   actions=["s3:GetObject", "s3:ListBucket"]
        resources   = ["arn:aws:s3:::reports/*",
  "arn:aws:s3:::reports"]
   condition {
 test = "StringLike"
        variable="aws:PrincipalTag/team"
   values = ["dev-*"]
   }
   }
}

policy "legacy" {
document = <<EOT
{"Version": "2012-10-17",
   "Statement": [{"Effect": "Allow",
      "Action": "s3:PutObject", "Resource": "arn:aws:s3:::drop/*"}]}
EOT
}
`,
	"roles.hcl": "role \"Ops\" {\n\tpolicies = [policy.read]\n\ttrust {\n\t\tstatement {\n\t\t\tactions = [\"sts:AssumeRole\"]\n\t\t\tprincipals {\n\t\t\t\ttype = \"AWS\"\n\t\t\t\tidentifiers = [user.dev.arn]\n\t\t\t}\n\t\t}\n\t}\n}\n",
}

func writeProject(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o640))
	}
	return dir
}

// copyProject copies the files of a project directory (not its golden
// files) into a temporary directory.
func copyProject(t *testing.T, src string) string {
	t.Helper()
	files := map[string]string{}
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), "want.") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		files[e.Name()] = string(b)
	}
	return writeProject(t, files)
}

// meaning is what a project compiles to, without the source positions that
// reasons carry (formatting moves them): the Rego modules and data.json with
// every statement's source removed.
func meaning(t *testing.T, dir string) string {
	t.Helper()
	out, _, diags := compiler.Build(dir)
	require.False(t, diags.HasErrors(), "%s", diags.Error())
	var data any
	require.NoError(t, json.Unmarshal(out.Data, &data))
	var strip func(v any)
	strip = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			delete(x, "src")
			if m, ok := x["m"].([]any); ok && len(m) == 3 {
				// A statement's policy, Sid and source: drop the source.
				x["m"] = m[:2]
			}
			for _, e := range x {
				strip(e)
			}
		case []any:
			for _, e := range x {
				strip(e)
			}
		}
	}
	strip(data)
	b, err := json.Marshal(map[string]any{"data": data, "modules": out.Modules})
	require.NoError(t, err)
	return string(b)
}

func formatDir(t *testing.T, dir string) int {
	t.Helper()
	files, _, diags := format.Project(dir)
	require.False(t, diags.HasErrors(), "%s", diags.Error())
	n := 0
	for _, f := range files {
		if f.Changed {
			require.NoError(t, f.Write())
			n++
		}
	}
	return n
}

// TestFormatKeepsMeaning: every project of the repository, and a messy one,
// compiles to the same bundle content before and after formatting; a
// project that was already formatted compiles to identical bundle bytes.
func TestFormatKeepsMeaning(t *testing.T) {
	dirs := []string{"../examples/coffee-shop"}
	for _, pattern := range []string{"../testdata/compile/*", "../testdata/check/*/good", "../testdata/check/*/bad"} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		dirs = append(dirs, m...)
	}
	for _, src := range dirs {
		if out, _, diags := compiler.Build(src); out == nil || diags.HasErrors() {
			continue // only projects that compile
		}
		t.Run(src, func(t *testing.T) {
			dir := copyProject(t, src)
			before, _, _ := compiler.Build(dir)
			beforeBytes, berr := before.BundleBytes()
			require.NoError(t, berr)
			want := meaning(t, dir)
			changed := formatDir(t, dir)
			assert.Equal(t, want, meaning(t, dir))
			if changed == 0 {
				after, _, _ := compiler.Build(dir)
				afterBytes, err := after.BundleBytes()
				require.NoError(t, err)
				assert.Equal(t, beforeBytes, afterBytes)
			}
		})
	}
	t.Run("messy", func(t *testing.T) {
		dir := writeProject(t, messy)
		want := meaning(t, dir)
		assert.Equal(t, 2, formatDir(t, dir))
		assert.Equal(t, want, meaning(t, dir))
		got, err := os.ReadFile(filepath.Join(dir, "main.hcl"))
		require.NoError(t, err)
		assert.Contains(t, string(got), "{\"Version\": \"2012-10-17\",\n   \"Statement\": [{\"Effect\": \"Allow\",\n      \"Action\"", "heredoc text is left alone")
		assert.Contains(t, string(got), "    effect  = \"Allow\" # the default\n    actions = [\"s3:GetObject\", \"s3:ListBucket\"]\n", "attributes aligned")
		assert.Contains(t, string(got), "      test     = \"StringLike\"\n      variable = ", "attributes aligned")
		st, err := os.Stat(filepath.Join(dir, "main.hcl"))
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o640), st.Mode().Perm(), "permissions kept")
		assert.Equal(t, 0, formatDir(t, dir), "formatting is idempotent")
	})
}

func TestFormatRefusesBrokenSyntax(t *testing.T) {
	dir := writeProject(t, map[string]string{"a.hcl": "user \"a\"   {}\n", "b.hcl": "user \"b\" {\n"})
	files, _, diags := format.Project(dir)
	require.True(t, diags.HasErrors())
	assert.Equal(t, "b.hcl", filepath.Base(diags[0].Subject.Filename))
	for _, f := range files {
		assert.NotEqual(t, "b.hcl", filepath.Base(f.Path), "a broken file is not formatted")
	}
}

func TestFormatSkipsJSONAndHidden(t *testing.T) {
	dir := writeProject(t, map[string]string{"a.hcl": "user \"a\"   {}\n", "p.json": "{ \"Statement\" :[] }"})
	require.NoError(t, os.Mkdir(filepath.Join(dir, ".terraform"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".terraform", "x.hcl"), []byte("user   \"x\" {}\n"), 0o644))
	files, _, diags := format.Project(dir)
	require.False(t, diags.HasErrors())
	require.Len(t, files, 1)
	assert.Equal(t, "a.hcl", filepath.Base(files[0].Path))
}

// TestDiff: the unified diff, applied with patch(1), turns the old file
// into the new one; and a small change renders as expected.
func TestDiff(t *testing.T) {
	before := []byte(messy["main.hcl"])
	after, diags := format.Source("main.hcl", before)
	require.False(t, diags.HasErrors())
	d := format.Diff("main.hcl", before, after)
	require.NotEmpty(t, d)

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.hcl"), before, 0o644))
	cmd := exec.Command("patch", "-p1", "--quiet")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(d)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "patch: %s\n%s", out, d)
	got, err := os.ReadFile(filepath.Join(dir, "main.hcl"))
	require.NoError(t, err)
	assert.Equal(t, string(after), string(got))

	small := format.Diff("x.hcl", []byte("a\nb\nc\nd\ne\nf\ng\nh\n"), []byte("a\nb\nc\nD\ne\nf\ng\nh\n"))
	assert.Equal(t, "--- a/x.hcl\n+++ b/x.hcl\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n", small)
	assert.Empty(t, format.Diff("x.hcl", []byte("same\n"), []byte("same\n")))
	assert.True(t, bytes.HasPrefix([]byte(d), []byte("--- a/main.hcl\n+++ b/main.hcl\n@@ ")))
}
