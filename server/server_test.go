package server_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
	"github.com/iamc/iamc/server"
)

// project copies the coffee-shop example into a temporary directory.
func project(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "coffee-shop")
	require.NoError(t, os.MkdirAll(dst, 0o755))
	entries, err := os.ReadDir("../examples/coffee-shop")
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("../examples/coffee-shop", e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644))
	}
	return dst
}

func get(t *testing.T, h http.Handler, method, path string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func status(t *testing.T, h http.Handler) server.Status {
	t.Helper()
	rec := get(t, h, http.MethodGet, server.StatusPath, nil)
	require.Equal(t, http.StatusOK, rec.Code)
	var st server.Status
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &st))
	return st
}

func TestServeBundle(t *testing.T) {
	dir := project(t)
	var log bytes.Buffer
	srv, err := server.New(server.Config{Dir: dir, Log: &log})
	require.NoError(t, err)
	h := srv.Handler()

	rec := get(t, h, http.MethodGet, server.BundlePath, nil)
	require.Equal(t, http.StatusOK, rec.Code)
	etag := rec.Header().Get("ETag")
	require.Regexp(t, `^"[0-9a-f]{32}"$`, etag)
	assert.Equal(t, "application/gzip", rec.Header().Get("Content-Type"))
	eng, err := rego.Load(context.Background(), rego.FromBytes(rec.Body.Bytes()))
	require.NoError(t, err, "the served bundle loads")
	st := status(t, h)
	assert.Equal(t, eng.Revision(), st.Revision)
	assert.Equal(t, etag, st.ETag)
	assert.True(t, st.LastBuild.OK)
	assert.Equal(t, 1, st.Builds)
	assert.Contains(t, log.String(), "built revision "+st.Revision[:12])

	// What OPA sends when it polls: 304 while nothing changed.
	rec = get(t, h, http.MethodGet, server.BundlePath, map[string]string{"If-None-Match": etag})
	assert.Equal(t, http.StatusNotModified, rec.Code)
	assert.Empty(t, rec.Body.Bytes())
	rec = get(t, h, http.MethodGet, server.BundlePath, map[string]string{"If-None-Match": `"something-else"`})
	assert.Equal(t, http.StatusOK, rec.Code)
	st = status(t, h)
	assert.Equal(t, int64(3), st.Requests)
	assert.Equal(t, int64(1), st.NotModified)

	rec = get(t, h, http.MethodHead, server.BundlePath, nil)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, etag, rec.Header().Get("ETag"))
	rec = get(t, h, http.MethodPost, server.BundlePath, nil)
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	rec = get(t, h, http.MethodGet, server.HealthPath, nil)
	assert.Equal(t, http.StatusOK, rec.Code)
	rec = get(t, h, http.MethodGet, "/elsewhere", nil)
	assert.Equal(t, http.StatusNotFound, rec.Code)
}

// A change is served under a new ETag; a change that does not compile
// keeps the last good bundle, and the status and the log say why.
func TestRebuild(t *testing.T) {
	dir := project(t)
	var log bytes.Buffer
	srv, err := server.New(server.Config{Dir: dir, Log: &log})
	require.NoError(t, err)
	h := srv.Handler()
	first := status(t, h)

	changed, err := srv.Rebuild()
	require.NoError(t, err)
	assert.False(t, changed, "nothing changed")
	assert.Equal(t, first.ETag, status(t, h).ETag)

	policies := filepath.Join(dir, "policies.hcl")
	src, err := os.ReadFile(policies)
	require.NoError(t, err)
	edited := bytes.Replace(src, []byte(`"menu:ViewMenu"]`), []byte(`"menu:ViewMenu", "menu:EditMenu"]`), 1)
	require.NotEqual(t, src, edited)
	require.NoError(t, os.WriteFile(policies, edited, 0o644))
	changed, err = srv.Rebuild()
	require.NoError(t, err)
	assert.True(t, changed)
	second := status(t, h)
	assert.NotEqual(t, first.Revision, second.Revision)
	assert.NotEqual(t, first.ETag, second.ETag)
	assert.Equal(t, 2, second.Builds)
	rec := get(t, h, http.MethodGet, server.BundlePath, map[string]string{"If-None-Match": first.ETag})
	assert.Equal(t, http.StatusOK, rec.Code, "the old ETag no longer matches")
	good := rec.Body.Bytes()

	require.NoError(t, os.WriteFile(policies, append(edited, []byte("\npolicy \"broken\" {\n  statement {\n    effect = \"Perhaps\"\n  }\n}\n")...), 0o644))
	changed, err = srv.Rebuild()
	var be *server.BuildError
	require.True(t, errors.As(err, &be), "%v", err)
	assert.False(t, changed)
	st := status(t, h)
	assert.False(t, st.LastBuild.OK)
	assert.Equal(t, second.Revision, st.Revision, "still the last good revision")
	assert.Equal(t, 1, st.Failures)
	require.NotEmpty(t, st.LastBuild.Errors)
	assert.Regexp(t, `^policies\.hcl:\d+:\d+: error: `, st.LastBuild.Errors[0])
	assert.Contains(t, log.String(), "does not compile; still serving revision "+second.Revision[:12])
	assert.Contains(t, log.String(), filepath.Join(dir, "policies.hcl")+":")
	rec = get(t, h, http.MethodGet, server.BundlePath, nil)
	assert.Equal(t, good, rec.Body.Bytes())
	assert.Equal(t, second.ETag, rec.Header().Get("ETag"))
}

func TestNewRefusesBrokenProject(t *testing.T) {
	dir := project(t)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.hcl"), []byte("user \"x\" {\n  groups = [group.nope]\n}\n"), 0o644))
	srv, err := server.New(server.Config{Dir: dir})
	assert.Nil(t, srv)
	var be *server.BuildError
	require.True(t, errors.As(err, &be), "%v", err)
	require.NotNil(t, be.Project)
	assert.True(t, be.Diagnostics.HasErrors())
	assert.Contains(t, err.Error(), "does not compile")
}

// Watch notices an edit and serves it without being asked.
func TestWatch(t *testing.T) {
	dir := project(t)
	srv, err := server.New(server.Config{Dir: dir, Interval: 20 * time.Millisecond})
	require.NoError(t, err)
	h := srv.Handler()
	first := status(t, h)
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

	people := filepath.Join(dir, "people.hcl")
	f, err := os.OpenFile(people, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString("\nuser \"intern\" {\n  path = \"/staff/\"\n}\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())

	deadline := time.Now().Add(10 * time.Second)
	for status(t, h).Revision == first.Revision {
		require.True(t, time.Now().Before(deadline), "the edit was not picked up")
		time.Sleep(10 * time.Millisecond)
	}
	rec := get(t, h, http.MethodGet, server.BundlePath, nil)
	eng, err := rego.Load(context.Background(), rego.FromBytes(rec.Body.Bytes()))
	require.NoError(t, err)
	arn, err := eng.Resolve("user.intern")
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:iam::111122223333:user/staff/intern", arn)
}

func TestServeSigned(t *testing.T) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	priv := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	require.NoError(t, err)
	pub := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))

	srv, err := server.New(server.Config{Dir: project(t), Signing: &compiler.Signing{Key: priv, KeyID: "iamc"}})
	require.NoError(t, err)
	h := srv.Handler()
	assert.True(t, status(t, h).Signed)
	rec := get(t, h, http.MethodGet, server.BundlePath, nil)
	require.Equal(t, http.StatusOK, rec.Code)
	body, err := io.ReadAll(rec.Body)
	require.NoError(t, err)
	_, err = rego.Load(context.Background(), rego.FromBytes(body), rego.WithVerificationKey(rego.VerificationKey{Key: pub}))
	require.NoError(t, err)

	// A key that cannot sign is a build error at start.
	_, err = server.New(server.Config{Dir: project(t), Signing: &compiler.Signing{Key: priv, Algorithm: "ES256"}})
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "ES256 needs an EC private key"), "%v", err)
}
