package rego_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

func rsaPair(t *testing.T) (priv, pub string) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	require.NoError(t, err)
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}

func signedCoffee(t *testing.T, key string) *compiler.Output {
	t.Helper()
	out, _, diags := compiler.Build("../examples/coffee-shop")
	require.False(t, diags.HasErrors(), "%v", diags)
	require.NoError(t, out.Sign(compiler.Signing{Key: key}))
	return out
}

// TestVerificationKey: a signed bundle loads with its key, packed or
// unpacked, and decides; tampered, unsigned and foreign-key bundles are
// refused with a *SignatureError that says why.
func TestVerificationKey(t *testing.T) {
	ctx := context.Background()
	priv, pub := rsaPair(t)
	_, otherPub := rsaPair(t)
	key := rego.WithVerificationKey(rego.VerificationKey{Key: pub})

	out := signedCoffee(t, priv)
	signed, err := out.BundleBytes()
	require.NoError(t, err)
	eng, err := rego.Load(ctx, rego.FromBytes(signed), key)
	require.NoError(t, err)
	dec, err := eng.Decide(ctx, rego.Request{Principal: owner, Action: "register:Refund", Resource: till})
	require.NoError(t, err)
	assert.True(t, dec.Allowed, "the owner's policy allows everything (examples/coffee-shop)")

	dir := filepath.Join(t.TempDir(), "bundle")
	require.NoError(t, out.WriteDir(dir))
	_, err = rego.Load(ctx, rego.FromFS(os.DirFS(dir)), key)
	require.NoError(t, err, "the unpacked bundle verifies too")

	// Without a key the signature is not checked.
	_, err = rego.Load(ctx, rego.FromBytes(signed))
	require.NoError(t, err)

	tampered := signedCoffee(t, priv)
	tampered.Data = bytes.Replace(tampered.Data, []byte("RunTheShop"), []byte("RunTheShoP"), 1)
	tamperedBytes, err := tampered.BundleBytes()
	require.NoError(t, err)
	unsigned := signedCoffee(t, priv)
	unsigned.Signatures = nil
	unsignedBytes, err := unsigned.BundleBytes()
	require.NoError(t, err)

	for name, tc := range map[string]struct {
		src  rego.Source
		key  rego.Option
		want string
	}{
		"tampered":    {rego.FromBytes(tamperedBytes), key, "iamc/model/data.json: digest mismatch"},
		"unsigned":    {rego.FromBytes(unsignedBytes), key, "bundle missing .signatures.json file"},
		"another key": {rego.FromBytes(signed), rego.WithVerificationKey(rego.VerificationKey{Key: otherPub}), "failed to verify JWT signature"},
		"wrong algorithm": {rego.FromBytes(signed), rego.WithVerificationKey(rego.VerificationKey{Key: pub, Algorithm: "ES256"}),
			"failed to verify JWT signature"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := rego.Load(ctx, tc.src, tc.key)
			var se *rego.SignatureError
			require.True(t, errors.As(err, &se), "want a *SignatureError, got %v", err)
			assert.Equal(t, "bundle", se.Bundle)
			assert.Contains(t, err.Error(), "load bundle bundle: signature verification failed: ")
			assert.Contains(t, err.Error(), tc.want)
		})
	}

	// A file that is not a bundle at all is not a signature failure.
	_, err = rego.Load(ctx, rego.FromBytes([]byte("not a tarball")), key)
	require.Error(t, err)
	var se *rego.SignatureError
	assert.False(t, errors.As(err, &se), "%v", err)
}
