package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// copyProject copies the coffee shop into dir/name.
func copyProject(t *testing.T, dir, name string) string {
	t.Helper()
	dst := filepath.Join(dir, name)
	require.NoError(t, os.MkdirAll(dst, 0o755))
	entries, err := os.ReadDir(coffee)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(coffee, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644))
	}
	return dst
}

// TestOutputTargets: a writer never replaces what is not a file it may
// replace — a device (as root, `-o /dev/full` used to replace the device
// node with a regular file), a named pipe, a directory, a symbolic link
// (/dev/stdout is one) — nor a file of the project (-o main.hcl used to
// overwrite the source with gzip), nor a new file the next load would read
// as a source. Each is refused with exit status 2 and left as it was.
func TestOutputTargets(t *testing.T) {
	dir := t.TempDir()
	proj := copyProject(t, dir, "shop")
	fifo := filepath.Join(dir, "pipe.tar.gz")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	link := filepath.Join(dir, "link.tar.gz")
	require.NoError(t, os.Symlink(filepath.Join(proj, "roles.hcl"), link))
	hardlink := filepath.Join(dir, "hard.tar.gz")
	require.NoError(t, os.Link(filepath.Join(proj, "owner.json"), hardlink))
	for name, c := range map[string]struct {
		args []string
		want string
	}{
		"a character device":        {[]string{"build", proj, "-o", os.DevNull}, "is a character device, not a regular file"},
		"the standard output link":  {[]string{"build", proj, "-o", "/dev/stdout"}, "is a symbolic link"},
		"a named pipe":              {[]string{"build", proj, "-o", fifo}, "is a named pipe"},
		"a directory":               {[]string{"build", proj, "-o", dir}, "is a directory, not a regular file"},
		"a symbolic link":           {[]string{"build", proj, "-o", link}, "is a symbolic link"},
		"an HCL source":             {[]string{"build", proj, "-o", filepath.Join(proj, "roles.hcl")}, "is a source file of the project"},
		"a new HCL file":            {[]string{"build", proj, "-o", filepath.Join(proj, "bundle.hcl")}, "is a source file of the project"},
		"a Rego test":               {[]string{"build", proj, "-o", filepath.Join(proj, "x_test.rego")}, "is a source file of the project"},
		"a JSON document":           {[]string{"build", proj, "-o", filepath.Join(proj, "owner.json")}, "is owner.json, a file of the project"},
		"a link to a JSON document": {[]string{"build", proj, "-o", hardlink}, "is owner.json, a file of the project"},
		"dir: the project":          {[]string{"build", proj, "--format", "dir", "-o", proj}, "holds the project"},
		"dir: above the project":    {[]string{"build", proj, "--format", "dir", "-o", dir}, "holds the project"},
		"dir: a file":               {[]string{"build", proj, "--format", "dir", "-o", filepath.Join(proj, "owner.json")}, "is not a directory but a regular file"},
		"fmt: a symbolic link":      {[]string{"fmt", link}, "is a symbolic link; iamc fmt replaces regular files only"},
		"fmt: a device":             {[]string{"fmt", os.DevNull}, "is not a regular file"},
	} {
		t.Run(name, func(t *testing.T) {
			before := snapshotTree(t, dir)
			code, _, stderr := iamc(t, "", c.args...)
			assert.Equal(t, 2, code, stderr)
			assert.Contains(t, stderr, c.want)
			assert.Equal(t, before, snapshotTree(t, dir), "nothing changed")
			st, err := os.Stat(os.DevNull)
			require.NoError(t, err)
			assert.Equal(t, os.ModeDevice|os.ModeCharDevice, st.Mode().Type(), "the device is still a device")
		})
	}
	// A bundle beside the project, and a bundle directory inside it, are
	// fine: neither is read as a source.
	code, _, stderr := iamc(t, "", "build", proj, "-o", filepath.Join(dir, "ok.tar.gz"), "-q")
	assert.Equal(t, 0, code, stderr)
	code, _, stderr = iamc(t, "", "build", proj, "--format", "dir", "-o", filepath.Join(proj, "bundle"), "-q")
	assert.Equal(t, 0, code, stderr)
	code, _, stderr = iamc(t, "", "build", proj, "-q", "-o", filepath.Join(dir, "ok.tar.gz"))
	assert.Equal(t, 0, code, "the project still compiles with its bundle directory inside: %s", stderr)
}

// snapshotTree maps every path below dir to its type and content.
func snapshotTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		v := d.Type().String()
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			v += string(b)
		}
		out[p] = v
		return nil
	}))
	return out
}
