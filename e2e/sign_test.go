package e2e

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/rego"
)

const coffee = "../examples/coffee-shop"

// ownerRefund is a coffee-shop request that its story allows: the owner's
// policy (owner.json) allows every action, and no Deny applies to the owner
// (docs/semantics.md §1: an Allow and no Deny is an allow).
var ownerRefund = map[string]any{
	"principal": "arn:aws:iam::111122223333:user/owner",
	"action":    "register:Refund",
	"resource":  "arn:aws:register:::till/1",
}

// keyPair is a signing key and its public half, as PEM files.
type keyPair struct {
	alg, private, public string
}

// newKeyPair writes a fresh key for alg into dir.
func newKeyPair(t *testing.T, dir, name, alg string) keyPair {
	t.Helper()
	var priv, pub []byte
	switch {
	case strings.HasPrefix(alg, "RS"), strings.HasPrefix(alg, "PS"):
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		require.NoError(t, err)
		priv = pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
		der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
		require.NoError(t, err)
		pub = pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	case alg == "ES256":
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		der, err := x509.MarshalPKCS8PrivateKey(k)
		require.NoError(t, err)
		priv = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
		der, err = x509.MarshalPKIXPublicKey(&k.PublicKey)
		require.NoError(t, err)
		pub = pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
	case strings.HasPrefix(alg, "HS"):
		secret := make([]byte, 32)
		_, err := rand.Read(secret)
		require.NoError(t, err)
		priv = []byte(hex.EncodeToString(secret))
		pub = priv
	default:
		t.Fatalf("no key for %s", alg)
	}
	kp := keyPair{alg: alg, private: filepath.Join(dir, name+".pem"), public: filepath.Join(dir, name+".pub.pem")}
	require.NoError(t, os.WriteFile(kp.private, priv, 0o600))
	require.NoError(t, os.WriteFile(kp.public, pub, 0o644))
	return kp
}

// iamcBuild runs the iamc command's build.
func iamcBuild(t *testing.T, args ...string) {
	t.Helper()
	out, err := runTool(t, iamcBin, append([]string{"build"}, args...)...)
	require.NoError(t, err, out)
}

// opaRefuses starts OPA and expects it to exit with an error mentioning
// want, without ever becoming healthy.
func opaRefuses(t *testing.T, want string, args ...string) {
	t.Helper()
	addr := "127.0.0.1:" + strconv.Itoa(freePort(t))
	p := startProc(t, "opa (expected to refuse)", opaBin, append([]string{"run", "--server", "--addr", addr,
		"--skip-version-check", "--log-level", "error"}, args...)...)
	s := &sidecar{proc: p, url: "http://" + addr}
	err := s.waitHealthy(30 * time.Second)
	require.Error(t, err, "OPA accepted the bundle:\n%s", p.out.String())
	require.True(t, p.exited(), "OPA neither served nor exited:\n%s", p.out.String())
	assert.Error(t, p.err, "OPA exited with status 0")
	assert.Contains(t, p.out.String(), want)
}

// TestSignedBundleRealOPA signs bundles with `iamc build --signing-key`
// and has the real OPA server verify them: signed loads, tampered is
// refused, another key is refused, unsigned is refused.
func TestSignedBundleRealOPA(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	for _, alg := range []string{"RS256", "ES256", "PS256", "HS256"} {
		t.Run(alg, func(t *testing.T) {
			kp := newKeyPair(t, dir, "key-"+alg, alg)
			signed := filepath.Join(dir, "signed-"+alg+".tar.gz")
			iamcBuild(t, coffee, "-q", "-o", signed, "--signing-key", kp.private, "--signing-alg", alg)

			opa := startOPA(t, "opa "+alg, "--bundle", signed, "--verification-key", kp.public, "--signing-alg", alg)
			got, ok, err := opa.query(ctx, "iamc/allow", ownerRefund)
			require.NoError(t, err)
			require.True(t, ok)
			assert.Equal(t, true, got)
			require.NoError(t, opa.stop())

			// The engine verifies the same way.
			_, err = rego.Load(ctx, rego.FromFile(signed), rego.WithVerificationKey(rego.VerificationKey{Key: readFile(t, kp.public), Algorithm: alg}))
			require.NoError(t, err)
		})
	}

	kp := newKeyPair(t, dir, "key", "RS256")
	other := newKeyPair(t, dir, "other", "RS256")
	signed := filepath.Join(dir, "signed.tar.gz")
	iamcBuild(t, coffee, "-q", "-o", signed, "--signing-key", kp.private)
	unsigned := filepath.Join(dir, "unsigned.tar.gz")
	iamcBuild(t, coffee, "-q", "-o", unsigned)
	tamperedData := filepath.Join(dir, "tampered-data.tar.gz")
	tamper(t, signed, tamperedData, "iamc/model/data.json", func(b []byte) []byte {
		return bytes.Replace(b, []byte("RunTheShop"), []byte("RunTheShoP"), 1)
	})
	tamperedRego := filepath.Join(dir, "tampered-rego.tar.gz")
	tamper(t, signed, tamperedRego, "iamc/core/iamc.rego", func(b []byte) []byte {
		return append(b, []byte("\nallow := true if input.backdoor\n")...)
	})
	pub := rego.VerificationKey{Key: readFile(t, kp.public)}

	t.Run("tampered data refused", func(t *testing.T) {
		opaRefuses(t, "iamc/model/data.json: digest mismatch", "--bundle", tamperedData, "--verification-key", kp.public)
		assertSignatureError(t, tamperedData, pub, "iamc/model/data.json: digest mismatch")
	})
	t.Run("tampered policy refused", func(t *testing.T) {
		opaRefuses(t, "iamc/core/iamc.rego: digest mismatch", "--bundle", tamperedRego, "--verification-key", kp.public)
		assertSignatureError(t, tamperedRego, pub, "iamc/core/iamc.rego: digest mismatch")
	})
	t.Run("another key refused", func(t *testing.T) {
		opaRefuses(t, "failed to verify JWT signature", "--bundle", signed, "--verification-key", other.public)
		assertSignatureError(t, signed, rego.VerificationKey{Key: readFile(t, other.public)}, "failed to verify JWT signature")
	})
	t.Run("unsigned refused", func(t *testing.T) {
		opaRefuses(t, "bundle missing .signatures.json file", "--bundle", unsigned, "--verification-key", kp.public)
		assertSignatureError(t, unsigned, pub, "bundle missing .signatures.json file")
	})
	t.Run("scope claim", func(t *testing.T) {
		claims := filepath.Join(dir, "claims.json")
		require.NoError(t, os.WriteFile(claims, []byte(`{"scope": "payments"}`), 0o644))
		scoped := filepath.Join(dir, "scoped.tar.gz")
		iamcBuild(t, coffee, "-q", "-o", scoped, "--signing-key", kp.private, "--key-id", "iamc", "--claims-file", claims)
		startOPA(t, "opa scoped", "--bundle", scoped, "--verification-key", kp.public, "--verification-key-id", "iamc", "--scope", "payments")
		opaRefuses(t, "scope mismatch", "--bundle", scoped, "--verification-key", kp.public, "--scope", "billing")
		_, err := rego.Load(ctx, rego.FromFile(scoped), rego.WithVerificationKey(rego.VerificationKey{Key: pub.Key, Scope: "payments"}))
		require.NoError(t, err)
		assertSignatureError(t, scoped, pub, "scope mismatch")
	})
}

func assertSignatureError(t *testing.T, bundle string, key rego.VerificationKey, want string) {
	t.Helper()
	_, err := rego.Load(context.Background(), rego.FromFile(bundle), rego.WithVerificationKey(key))
	var se *rego.SignatureError
	require.True(t, errors.As(err, &se), "want a *rego.SignatureError, got %v", err)
	assert.Contains(t, err.Error(), "signature verification failed")
	assert.Contains(t, err.Error(), want)
}

// tamper copies a bundle tarball, changing one file and keeping the rest,
// .signatures.json included.
func tamper(t *testing.T, src, dst, name string, change func([]byte) []byte) {
	t.Helper()
	f, err := os.Open(src)
	require.NoError(t, err)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	require.NoError(t, err)
	tr := tar.NewReader(gz)
	var out bytes.Buffer
	gw := gzip.NewWriter(&out)
	tw := tar.NewWriter(gw)
	found := false
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		b, err := io.ReadAll(tr)
		require.NoError(t, err)
		if strings.TrimPrefix(hdr.Name, "/") == name {
			nb := change(b)
			require.NotEqual(t, b, nb, "the change changed nothing")
			b, found = nb, true
		}
		hdr.Size = int64(len(b))
		require.NoError(t, tw.WriteHeader(hdr))
		_, err = tw.Write(b)
		require.NoError(t, err)
	}
	require.True(t, found, "no %s in %s", name, src)
	require.NoError(t, tw.Close())
	require.NoError(t, gw.Close())
	require.NoError(t, os.WriteFile(dst, out.Bytes(), 0o644))
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
