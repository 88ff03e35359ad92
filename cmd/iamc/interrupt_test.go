package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/internal/gen"
)

// TestMain lets the test binary run as iamc itself (IAMC_RUN_MAIN=1), so
// that real signals can be sent to a real process.
func TestMain(m *testing.M) {
	if os.Getenv("IAMC_RUN_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// bigProject writes a generated organization that takes seconds to build.
func bigProject(t *testing.T, statements int) string {
	t.Helper()
	org, err := gen.New(gen.Config{Statements: statements, Seed: 3})
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, org.WriteDir(dir))
	return dir
}

// TestBuildInterrupted: SIGINT or SIGTERM stops `iamc build` while it
// compiles; the old bundle is left as it was, no temporary file remains,
// and the exit status is the shell's for the signal (128 + its number: 130
// for SIGINT, 143 for SIGTERM), so that a script or CI sees an interrupted
// build, not a successful one.
func TestBuildInterrupted(t *testing.T) {
	project := bigProject(t, 25_000)
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			outDir := t.TempDir()
			out := filepath.Join(outDir, "bundle.tar.gz")
			require.NoError(t, os.WriteFile(out, []byte("the old bundle"), 0o644))
			cmd := exec.Command(os.Args[0], "build", project, "-o", out)
			cmd.Env = append(os.Environ(), "IAMC_RUN_MAIN=1")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			// Let it get into the build (a build of this size takes
			// seconds); the assertions below do not depend on when the
			// signal lands, only that it lands before the build ends.
			time.Sleep(300 * time.Millisecond)
			require.NoError(t, cmd.Process.Signal(c.sig))
			err := cmd.Wait()
			var ee *exec.ExitError
			require.ErrorAs(t, err, &ee, "the build ran to its end: %s", stderr.String())
			assert.Equal(t, c.code, ee.ExitCode(), stderr.String())
			assert.Contains(t, stderr.String(), "iamc: interrupted by "+c.sig.String()+": stopped")
			old, err := os.ReadFile(out)
			require.NoError(t, err)
			assert.Equal(t, "the old bundle", string(old))
			entries, err := os.ReadDir(outDir)
			require.NoError(t, err)
			assert.Len(t, entries, 1, "no temporary file left")
		})
	}
}

// interrupted is a context cancelled as a signal cancels iamc's.
func interrupted(sig syscall.Signal) context.Context {
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(&signalError{sig})
	return ctx
}

// TestBuildInterruptedEverywhere: every command that works for a while
// stops on the signal with the signal's status and writes nothing: build
// (tarball and directory), eval of a project, test, check, fmt and serve
// (which is interrupted before it serves; once serving, a signal is its
// normal, clean stop).
func TestBuildInterruptedEverywhere(t *testing.T) {
	dir := t.TempDir()
	unformatted := filepath.Join(dir, "proj")
	require.NoError(t, os.MkdirAll(unformatted, 0o755))
	src := "user  \"u\"   {}\n"
	require.NoError(t, os.WriteFile(filepath.Join(unformatted, "main.hcl"), []byte(src), 0o644))
	for name, args := range map[string][]string{
		"build":     {"build", coffee, "-o", filepath.Join(dir, "b.tar.gz")},
		"build dir": {"build", coffee, "--format", "dir", "-o", filepath.Join(dir, "b")},
		"eval":      {"eval", coffee, "--principal", "user.owner", "--action", "register:Sell", "--resource", "*"},
		"test":      {"test", coffee},
		"check":     {"check", coffee},
		"fmt":       {"fmt", unformatted},
		"serve":     {"serve", coffee, "--addr", "127.0.0.1:0"},
	} {
		t.Run(name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := run(interrupted(syscall.SIGINT), args, strings.NewReader(""), &out, &errb)
			assert.Equal(t, 130, code, errb.String())
			assert.Contains(t, errb.String(), "interrupted by interrupt")
		})
	}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "nothing written but the project")
	got, err := os.ReadFile(filepath.Join(unformatted, "main.hcl"))
	require.NoError(t, err)
	assert.Equal(t, src, string(got), "fmt left the file alone")
}
