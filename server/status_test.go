package server_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/server"
)

// TestStatusUnreadableProject: when the project directory is removed (or
// cannot be read), /status says so — ok false, with the reason — while the
// last good bundle keeps being served: a fleet must not believe it follows
// the project when the project is gone. When the directory is back, the
// status is ok again.
func TestStatusUnreadableProject(t *testing.T) {
	dir := project(t)
	srv, err := server.New(server.Config{Dir: dir, Interval: 20 * time.Millisecond})
	require.NoError(t, err)
	h := srv.Handler()
	first := status(t, h)
	require.True(t, first.OK)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		srv.Watch(ctx)
		close(done)
	}()
	defer func() {
		cancel()
		<-done
	}()
	waitFor := func(what string, ok func(server.Status) bool) server.Status {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			st := status(t, h)
			if ok(st) {
				return st
			}
			require.True(t, time.Now().Before(deadline), "%s: %+v", what, st)
			time.Sleep(10 * time.Millisecond)
		}
	}

	moved := dir + ".moved"
	require.NoError(t, os.Rename(dir, moved))
	st := waitFor("the removal is reported", func(st server.Status) bool { return !st.OK })
	assert.False(t, st.LastBuild.OK)
	assert.Contains(t, strings.Join(st.LastBuild.Errors, "\n"), "cannot read the project directory")
	assert.Contains(t, strings.Join(st.LastBuild.Errors, "\n"), filepath.Base(dir))
	assert.Equal(t, first.Revision, st.Revision, "the last good bundle is still served")
	rec := get(t, h, http.MethodGet, server.BundlePath, nil)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, first.ETag, rec.Header().Get("ETag"))

	require.NoError(t, os.Rename(moved, dir))
	st = waitFor("the return is reported", func(st server.Status) bool { return st.OK })
	assert.True(t, st.LastBuild.OK)
	assert.Equal(t, first.Revision, st.Revision)

	if os.Geteuid() == 0 {
		t.Log("running as root, which reads whatever the permissions say: the unreadable case is not tried")
		return
	}
	require.NoError(t, os.Chmod(dir, 0))
	defer os.Chmod(dir, 0o755)
	st = waitFor("an unreadable directory is reported", func(st server.Status) bool { return !st.OK })
	assert.Contains(t, strings.Join(st.LastBuild.Errors, "\n"), "permission denied")
}
