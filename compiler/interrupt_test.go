package compiler_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
)

// TestBuildInterruptedWrite: a context cancelled while a bundle is being
// written stops the write; the old file or directory is left as it was and
// no temporary file remains.
func TestBuildInterruptedWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bundle.tar.gz")
	require.NoError(t, os.WriteFile(path, []byte("old"), 0o644))
	ctx, cancel := context.WithCancel(context.Background())
	err := compiler.WriteFileAtomicContext(ctx, path, func(w io.Writer) error {
		if _, err := w.Write([]byte("half a bundle")); err != nil {
			return err
		}
		cancel() // the signal lands here
		_, err := w.Write([]byte("the other half"))
		return err
	})
	assert.ErrorIs(t, err, context.Canceled)
	old, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "old", string(old))
	entries, _ := os.ReadDir(dir)
	assert.Len(t, entries, 1, "no temporary file")

	out, _, diags := compiler.Build("../examples/coffee-shop")
	require.False(t, diags.HasErrors())
	bdir := filepath.Join(dir, "unpacked")
	require.NoError(t, out.WriteDir(bdir))
	before, err := os.ReadFile(filepath.Join(bdir, ".manifest"))
	require.NoError(t, err)
	err = out.WriteDirContext(ctx, bdir)
	assert.ErrorIs(t, err, context.Canceled)
	after, err := os.ReadFile(filepath.Join(bdir, ".manifest"))
	require.NoError(t, err)
	assert.Equal(t, before, after)
	entries, _ = os.ReadDir(dir)
	assert.Len(t, entries, 2, "no temporary directory")
}
