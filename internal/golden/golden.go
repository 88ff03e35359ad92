// Package golden compares the output of a test with a golden file. Tests
// that import it accept -update, which rewrites the files with the current
// output instead (make golden); review the diff before committing it.
package golden

import (
	"flag"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files with the current output")

// Check compares got with the content of file, or with -update writes got
// to file.
func Check(t testing.TB, file string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(file, got, 0o644))
		return
	}
	want, err := os.ReadFile(file)
	require.NoError(t, err, "missing golden file %s; run make golden", file)
	assert.Equal(t, string(want), string(got), "%s differs; if the change is intended, run make golden and review the diff", file)
}

// Updating reports whether the test run rewrites the golden files (-update),
// for a test that compares in its own way and writes with Check.
func Updating() bool { return *update }
