package compiler

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func buildCoffee(t *testing.T) *Output {
	t.Helper()
	out, _, diags := Build("../examples/coffee-shop")
	require.False(t, diags.HasErrors(), "%v", diags)
	return out
}

func rsaKey(t *testing.T) (priv, pub string) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

func ecKey(t *testing.T, c elliptic.Curve) (priv, pub string) {
	t.Helper()
	k, err := ecdsa.GenerateKey(c, rand.Reader)
	require.NoError(t, err)
	der, err := x509.MarshalECPrivateKey(k)
	require.NoError(t, err)
	pder, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pder}))
}

// readVerified reads a bundle with OPA's reader, verifying it as `opa run
// --verification-key` does.
func readVerified(tarball []byte, pub, alg, scope string) (bundle.Bundle, error) {
	vc := bundle.NewVerificationConfig(map[string]*bundle.KeyConfig{"default": {Key: pub, Algorithm: alg, Scope: scope}}, "default", scope, nil)
	return bundle.NewReader(bytes.NewReader(tarball)).WithBundleVerificationConfig(vc).Read()
}

func TestSignVerifiedByOPAReader(t *testing.T) {
	rsaPriv, rsaPub := rsaKey(t)
	ecPriv, ecPub := ecKey(t, elliptic.P256())
	for _, tc := range []struct{ alg, priv, pub string }{
		{"RS256", rsaPriv, rsaPub},
		{"RS512", rsaPriv, rsaPub},
		{"PS384", rsaPriv, rsaPub},
		{"ES256", ecPriv, ecPub},
		{"HS256", "a shared secret", "a shared secret"},
	} {
		t.Run(tc.alg, func(t *testing.T) {
			out := buildCoffee(t)
			require.NoError(t, out.Sign(Signing{Key: tc.priv, Algorithm: tc.alg}))
			files := out.Files()
			require.Contains(t, files, signaturesFile)
			tarball, err := out.BundleBytes()
			require.NoError(t, err)
			b, err := readVerified(tarball, tc.pub, tc.alg, "")
			require.NoError(t, err)
			assert.Equal(t, out.Revision, b.Manifest.Revision)
			assert.Len(t, b.Modules, len(out.Modules))
		})
	}
}

// Every file is covered: the signature lists each one with its hash, so
// that a file added to the bundle after signing is refused as well.
func TestSignCoversEveryFile(t *testing.T) {
	priv, pub := rsaKey(t)
	out := buildCoffee(t)
	require.NoError(t, out.Sign(Signing{Key: priv}))
	files, err := bundle.VerifyBundleSignature(bundle.SignaturesConfig{Signatures: signatures(t, out)},
		bundle.NewVerificationConfig(map[string]*bundle.KeyConfig{"default": {Key: pub, Algorithm: "RS256"}}, "", "", nil))
	require.NoError(t, err)
	var want []string
	for name := range out.Files() {
		if name != signaturesFile {
			want = append(want, name)
		}
	}
	var got []string
	for name, f := range files {
		got = append(got, name)
		assert.Equal(t, "SHA-256", f.Algorithm)
	}
	assert.ElementsMatch(t, want, got)

	// The JWT carries the default key ID, which `opa run
	// --verification-key` looks for.
	tok := signatures(t, out)[0]
	assert.Contains(t, decodeSegment(t, strings.Split(tok, ".")[0]), `"kid":"default"`)
}

// RSA signatures are deterministic: a signed bundle is as reproducible as
// an unsigned one.
func TestSignDeterministic(t *testing.T) {
	priv, _ := rsaKey(t)
	a, b := buildCoffee(t), buildCoffee(t)
	require.NoError(t, a.Sign(Signing{Key: priv, KeyID: "iamc"}))
	require.NoError(t, b.Sign(Signing{Key: priv, KeyID: "iamc"}))
	ab, err := a.BundleBytes()
	require.NoError(t, err)
	bb, err := b.BundleBytes()
	require.NoError(t, err)
	assert.Equal(t, ab, bb)
	// Signing again replaces the signature instead of signing it.
	require.NoError(t, a.Sign(Signing{Key: priv, KeyID: "iamc"}))
	again, err := a.BundleBytes()
	require.NoError(t, err)
	assert.Equal(t, ab, again)
}

func TestSignTamperedRefused(t *testing.T) {
	priv, pub := rsaKey(t)
	out := buildCoffee(t)
	require.NoError(t, out.Sign(Signing{Key: priv}))
	out.Data = bytes.Replace(out.Data, []byte("RunTheShop"), []byte("RunTheShoP"), 1)
	tarball, err := out.BundleBytes()
	require.NoError(t, err)
	_, err = readVerified(tarball, pub, "RS256", "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "iamc/model/data.json: digest mismatch")
}

func TestSignClaims(t *testing.T) {
	priv, pub := rsaKey(t)
	dir := t.TempDir()
	claims := filepath.Join(dir, "claims.json")
	require.NoError(t, os.WriteFile(claims, []byte(`{"scope": "payments", "iss": "platform"}`), 0o644))
	out := buildCoffee(t)
	require.NoError(t, out.Sign(Signing{Key: priv, ClaimsFile: claims}))
	tarball, err := out.BundleBytes()
	require.NoError(t, err)
	_, err = readVerified(tarball, pub, "RS256", "payments")
	require.NoError(t, err)
	_, err = readVerified(tarball, pub, "RS256", "")
	require.ErrorContains(t, err, "scope mismatch")
}

func TestSignErrors(t *testing.T) {
	rsaPriv, _ := rsaKey(t)
	ecPriv, _ := ecKey(t, elliptic.P384())
	dir := t.TempDir()
	badClaims := filepath.Join(dir, "files.json")
	require.NoError(t, os.WriteFile(badClaims, []byte(`{"files": []}`), 0o644))
	notJSON := filepath.Join(dir, "not.json")
	require.NoError(t, os.WriteFile(notJSON, []byte(`scope = payments`), 0o644))
	for name, tc := range map[string]struct {
		s    Signing
		want string
	}{
		"unknown algorithm":  {Signing{Key: rsaPriv, Algorithm: "RS257"}, `unsupported signing algorithm "RS257"`},
		"empty key":          {Signing{Key: " \n"}, "the signing key is empty"},
		"not PEM":            {Signing{Key: "secret", Algorithm: "RS256"}, "RS256 needs a PEM private key"},
		"RSA key for ES256":  {Signing{Key: rsaPriv, Algorithm: "ES256"}, "ES256 needs an EC private key, and the key is an RSA key"},
		"EC key for RS256":   {Signing{Key: ecPriv, Algorithm: "RS256"}, "RS256 needs an RSA private key, and the key is an EC key on P-384"},
		"wrong curve":        {Signing{Key: ecPriv, Algorithm: "ES256"}, "ES256 needs an EC key on curve P-256, and the key is on P-384"},
		"bad PEM":            {Signing{Key: "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"}, "read the private key"},
		"claims set files":   {Signing{Key: rsaPriv, ClaimsFile: badClaims}, `it may not set "files"`},
		"claims not JSON":    {Signing{Key: rsaPriv, ClaimsFile: notJSON}, "not a JSON object"},
		"claims file absent": {Signing{Key: rsaPriv, ClaimsFile: filepath.Join(dir, "nope.json")}, "claims file"},
	} {
		t.Run(name, func(t *testing.T) {
			out := buildCoffee(t)
			err := out.Sign(tc.s)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Nil(t, out.Signatures, "no signature after a failure")
		})
	}
}

func signatures(t *testing.T, out *Output) []string {
	t.Helper()
	var sc bundle.SignaturesConfig
	require.NoError(t, jsonUnmarshal(out.Signatures, &sc))
	require.Len(t, sc.Signatures, 1)
	return sc.Signatures
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func decodeSegment(t *testing.T, seg string) string {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(seg)
	require.NoError(t, err)
	return string(b)
}

// WriteDir writes the same files as the tarball, readable by OPA's
// directory loader, and verifies when signed.
func TestWriteDir(t *testing.T) {
	priv, pub := rsaKey(t)
	out := buildCoffee(t)
	require.NoError(t, out.Sign(Signing{Key: priv}))
	dir := filepath.Join(t.TempDir(), "bundle")
	require.NoError(t, out.WriteDir(dir))
	for name, want := range out.Files() {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
	// (Below a named root: OPA's FS loader at root "." misreads
	// .signatures.json.)
	loader := bundle.NewFSLoaderWithRoot(os.DirFS(filepath.Dir(dir)), "bundle")
	vc := bundle.NewVerificationConfig(map[string]*bundle.KeyConfig{"default": {Key: pub, Algorithm: "RS256"}}, "default", "", nil)
	b, err := bundle.NewCustomReader(loader).WithBundleVerificationConfig(vc).Read()
	require.NoError(t, err)
	assert.Equal(t, out.Revision, b.Manifest.Revision)
}

// Writing again replaces the earlier bundle whole: files that the new one
// lacks are gone, and nothing temporary is left beside it.
func TestWriteDirReplaces(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "bundle")
	require.NoError(t, WriteDirAtomic(dir, map[string][]byte{".manifest": []byte(`{"revision":"1"}`), "old/stale.rego": []byte("package stale\n")}))
	out := buildCoffee(t)
	require.NoError(t, out.WriteDir(dir))
	_, err := os.Stat(filepath.Join(dir, "old"))
	assert.True(t, os.IsNotExist(err), "the earlier bundle's files are gone")
	m, err := os.ReadFile(filepath.Join(dir, ".manifest"))
	require.NoError(t, err)
	assert.Contains(t, string(m), out.Revision)
	entries, err := os.ReadDir(parent)
	require.NoError(t, err)
	require.Len(t, entries, 1, "only the bundle directory is left")
	assert.Equal(t, "bundle", entries[0].Name())

	// The fallback without an atomic exchange gives the same result.
	tmp, err := os.MkdirTemp(parent, ".bundle.tmp-*")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(tmp, ".manifest"), []byte(`{"revision":"2"}`), 0o644))
	require.NoError(t, swapDirRenames(tmp, dir))
	require.NoError(t, os.RemoveAll(tmp))
	m, err = os.ReadFile(filepath.Join(dir, ".manifest"))
	require.NoError(t, err)
	assert.Equal(t, `{"revision":"2"}`, string(m))
	entries, _ = os.ReadDir(parent)
	assert.Len(t, entries, 1)
}

func TestWriteDirRefuses(t *testing.T) {
	parent := t.TempDir()
	precious := filepath.Join(parent, "home")
	require.NoError(t, os.MkdirAll(precious, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(precious, "notes.txt"), []byte("keep me"), 0o644))
	out := buildCoffee(t)
	err := out.WriteDir(precious)
	require.ErrorContains(t, err, "holds no bundle (no .manifest): not replacing it")
	b, err := os.ReadFile(filepath.Join(precious, "notes.txt"))
	require.NoError(t, err)
	assert.Equal(t, "keep me", string(b))

	file := filepath.Join(parent, "file")
	require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
	require.ErrorContains(t, out.WriteDir(file), "is not a directory")

	require.ErrorContains(t, WriteDirAtomic(filepath.Join(parent, "evil"), map[string][]byte{"../escape": []byte("x")}), "not a relative path")
	_, err = os.Stat(filepath.Join(parent, "escape"))
	assert.True(t, os.IsNotExist(err))
	entries, _ := os.ReadDir(parent)
	assert.Len(t, entries, 2, "no temporary directory left behind")
}
