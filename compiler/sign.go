package compiler

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/keys"
	"github.com/open-policy-agent/opa/v1/util"
)

// signaturesFile is the name of the bundle's signature file, as OPA reads it.
const signaturesFile = ".signatures.json"

// DefaultKeyID is the key ID a bundle is signed with when none is given: the
// default of OPA's --verification-key-id, so that `opa run
// --verification-key pub.pem` verifies it without more flags.
const DefaultKeyID = "default"

// Signing says how to sign a bundle. The signature is OPA's: .signatures.json
// holds one JWT whose "files" claim lists the SHA-256 hash of every other
// file of the bundle, hashed the way OPA's bundle reader verifies them (JSON
// files by their parsed content, everything else byte for byte).
type Signing struct {
	// Key is the private key in PEM (PKCS#1, PKCS#8 or SEC 1), or for the
	// HS256, HS384 and HS512 algorithms the shared secret itself.
	Key string
	// Algorithm is the JWT signing algorithm: RS256 (the default), RS384,
	// RS512, PS256, PS384, PS512, ES256, ES384, ES512, HS256, HS384 or HS512.
	Algorithm string
	// KeyID is written as the token's kid; verifiers that are not told
	// which key to use look it up by this ID. Default DefaultKeyID.
	KeyID string
	// ClaimsFile is a JSON file of extra claims for the token, such as
	// "scope" (which a verifier then requires). It may not set "files".
	ClaimsFile string
}

// Sign signs the bundle: from now on Files and WriteBundle include
// .signatures.json. Signing again replaces the signature. RSA and HMAC
// signatures are deterministic, so the same input and key give the same
// bytes; ECDSA signatures differ from run to run.
func (o *Output) Sign(s Signing) error {
	alg := s.Algorithm
	if alg == "" {
		alg = "RS256"
	}
	if !keys.IsSupportedAlgorithm(alg) {
		return fmt.Errorf("sign bundle: unsupported signing algorithm %q (use RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, HS256, HS384 or HS512)", alg)
	}
	if strings.TrimSpace(s.Key) == "" {
		return errors.New("sign bundle: the signing key is empty")
	}
	keyID := s.KeyID
	if keyID == "" {
		keyID = DefaultKeyID
	}
	if s.ClaimsFile != "" {
		if err := checkClaims(s.ClaimsFile); err != nil {
			return fmt.Errorf("sign bundle: %w", err)
		}
	}
	// The key is PEM text or a secret, never a path: GetPrivateKey would
	// read a file named like a secret.
	cfg := bundle.NewSigningConfig(s.Key, alg, s.ClaimsFile)
	if !strings.HasPrefix(alg, "HS") {
		if !strings.HasPrefix(strings.TrimSpace(s.Key), "-----BEGIN") {
			return fmt.Errorf("sign bundle: %s needs a PEM private key", alg)
		}
		cfg.Key = strings.TrimSpace(s.Key)
		key, err := cfg.GetPrivateKey()
		if err != nil {
			return fmt.Errorf("sign bundle: read the private key: %w", err)
		}
		if err := checkKeyType(alg, key); err != nil {
			return fmt.Errorf("sign bundle: %w", err)
		}
	}
	o.Signatures = nil
	files, err := hashFiles(o.Files())
	if err != nil {
		return fmt.Errorf("sign bundle: %w", err)
	}
	token, err := bundle.GenerateSignedToken(files, cfg, keyID)
	if err != nil {
		return fmt.Errorf("sign bundle: %w", err)
	}
	sig, err := json.Marshal(bundle.SignaturesConfig{Signatures: []string{token}})
	if err != nil {
		return fmt.Errorf("sign bundle: %w", err)
	}
	o.Signatures = append(sig, '\n')
	return nil
}

// hashFiles lists every file of the bundle with its hash, in name order,
// computed as bundle.VerifyBundleFile does when OPA reads the bundle: the
// path without a leading slash; structured documents (data.json, .manifest)
// parsed and hashed by content, other files byte for byte.
func hashFiles(files map[string][]byte) ([]bundle.FileInfo, error) {
	h, err := bundle.NewSignatureHasher(bundle.SHA256)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		if !bundle.IsSignaturesFile(n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	out := make([]bundle.FileInfo, 0, len(names))
	for _, n := range names {
		var v any = files[n]
		if bundle.IsStructuredDoc(n) {
			var doc any
			if err := util.Unmarshal(files[n], &doc); err != nil {
				return nil, fmt.Errorf("hash %s: %w", n, err)
			}
			v = doc
		}
		sum, err := h.HashFile(v)
		if err != nil {
			return nil, fmt.Errorf("hash %s: %w", n, err)
		}
		out = append(out, bundle.NewFile(strings.TrimPrefix(n, "/"), hex.EncodeToString(sum), string(bundle.SHA256)))
	}
	return out, nil
}

// checkKeyType says when a private key cannot sign with alg, before the JWT
// library fails with a less helpful message.
func checkKeyType(alg string, key any) error {
	switch {
	case strings.HasPrefix(alg, "RS"), strings.HasPrefix(alg, "PS"):
		if _, ok := key.(*rsa.PrivateKey); !ok {
			return fmt.Errorf("%s needs an RSA private key, and the key is %s", alg, keyKind(key))
		}
	case strings.HasPrefix(alg, "ES"):
		k, ok := key.(*ecdsa.PrivateKey)
		if !ok {
			return fmt.Errorf("%s needs an EC private key, and the key is %s", alg, keyKind(key))
		}
		want := map[string]elliptic.Curve{"ES256": elliptic.P256(), "ES384": elliptic.P384(), "ES512": elliptic.P521()}[alg]
		if k.Curve != want {
			return fmt.Errorf("%s needs an EC key on curve %s, and the key is on %s", alg, want.Params().Name, k.Curve.Params().Name)
		}
	}
	return nil
}

func keyKind(key any) string {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return "an RSA key"
	case *ecdsa.PrivateKey:
		return "an EC key on " + k.Curve.Params().Name
	}
	return fmt.Sprintf("a %T", key)
}

// checkClaims reads a claims file: a JSON object that may not replace the
// files claim.
func checkClaims(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("claims file: %w", err)
	}
	var claims map[string]any
	if err := json.Unmarshal(b, &claims); err != nil {
		return fmt.Errorf("claims file %s: not a JSON object: %w", path, err)
	}
	if _, ok := claims["files"]; ok {
		return fmt.Errorf("claims file %s: it may not set \"files\", the claim that lists the signed files", path)
	}
	return nil
}
