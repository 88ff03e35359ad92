package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/rego"
)

func writeRSAKey(t *testing.T, dir string) (priv, pub string) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	require.NoError(t, err)
	priv, pub = filepath.Join(dir, "key.pem"), filepath.Join(dir, "pub.pem")
	require.NoError(t, os.WriteFile(priv, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}), 0o600))
	require.NoError(t, os.WriteFile(pub, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}), 0o644))
	return priv, pub
}

func TestBuildSignedAndDir(t *testing.T) {
	dir := t.TempDir()
	priv, pub := writeRSAKey(t, dir)
	bundle := filepath.Join(dir, "coffee.tar.gz")
	code, _, stderr := iamc(t, "", "build", coffee, "-o", bundle, "--signing-key", priv, "--key-id", "iamc")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "signed RS256 (key id iamc)")
	key := rego.WithVerificationKey(rego.VerificationKey{Key: readString(t, pub)})
	_, err := rego.Load(context.Background(), rego.FromFile(bundle), key)
	require.NoError(t, err)

	unpacked := filepath.Join(dir, "coffee")
	code, _, stderr = iamc(t, "", "build", coffee, "--format", "dir", "-o", unpacked, "--signing-key", priv)
	require.Equal(t, 0, code, stderr)
	_, err = rego.Load(context.Background(), rego.FromFS(os.DirFS(unpacked)), key)
	require.NoError(t, err)
	// Building again replaces the directory.
	code, _, stderr = iamc(t, "", "build", coffee, "--format", "dir", "-o", unpacked, "-q")
	require.Equal(t, 0, code, stderr)
	_, err = os.Stat(filepath.Join(unpacked, ".signatures.json"))
	assert.True(t, os.IsNotExist(err), "the unsigned build replaced the signed one")

	// --format dir without -o writes ./bundle.
	wd, err := os.Getwd()
	require.NoError(t, err)
	abs := filepath.Join(wd, coffee)
	t.Chdir(dir)
	code, _, stderr = iamc(t, "", "build", abs, "--format", "dir", "-q")
	require.Equal(t, 0, code, stderr)
	_, err = os.Stat(filepath.Join(dir, "bundle", ".manifest"))
	require.NoError(t, err)
}

func TestBuildSigningErrors(t *testing.T) {
	dir := t.TempDir()
	priv, _ := writeRSAKey(t, dir)
	out := filepath.Join(dir, "out.tar.gz")
	for name, tc := range map[string]struct {
		args []string
		want string
	}{
		"key id without key":  {[]string{"--key-id", "x"}, "--key-id needs --signing-key"},
		"alg without key":     {[]string{"--signing-alg", "ES256"}, "--signing-alg needs --signing-key"},
		"missing key file":    {[]string{"--signing-key", filepath.Join(dir, "nope.pem")}, "--signing-key: open"},
		"key of another kind": {[]string{"--signing-key", priv, "--signing-alg", "ES256"}, "ES256 needs an EC private key"},
		"unknown algorithm":   {[]string{"--signing-key", priv, "--signing-alg", "none"}, `unsupported signing algorithm "none"`},
		"unknown format":      {[]string{"--format", "zip"}, "--format is tar or dir"},
	} {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := iamc(t, "", append([]string{"build", coffee, "-o", out}, tc.args...)...)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, tc.want)
			_, err := os.Stat(out)
			assert.True(t, os.IsNotExist(err), "no bundle written")
		})
	}
}

// lockedBuffer is written by the command and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serve runs until its context ends, then stops cleanly with status 0.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", coffee, "--addr", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, &stderr)
	}()
	re := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+)/bundles/iamc\.tar\.gz; status at`)
	var base string
	deadline := time.Now().Add(30 * time.Second)
	for base == "" {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d:\n%s", code, stderr.String())
		default:
		}
		require.True(t, time.Now().Before(deadline), "serve did not start:\n%s", stderr.String())
		time.Sleep(10 * time.Millisecond)
	}
	resp, err := http.Get(base + "/bundles/iamc.tar.gz")
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	_, err = rego.Load(context.Background(), rego.FromBytes(body))
	require.NoError(t, err)

	cancel()
	select {
	case code := <-done:
		assert.Equal(t, 0, code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	assert.Contains(t, stderr.String(), "iamc serve: stopped")
}

func TestServeErrors(t *testing.T) {
	code, _, stderr := iamc(t, "", "serve", "../../testdata/diag/unknown-reference", "--addr", "127.0.0.1:0")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "main.hcl:2:15: error: Unknown reference")

	code, _, stderr = iamc(t, "", "serve", coffee, "--interval", "0s")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "--interval must be positive")

	code, _, stderr = iamc(t, "", "serve", coffee, "--addr", "not an address")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "iamc: listen tcp")
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
