package rego_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// knownPrincipals are the principal and role ARNs of a bundle's model.
func knownPrincipals(eng *rego.Engine) (principals, roles map[string]bool) {
	principals, roles = map[string]bool{}, map[string]bool{}
	ps, rs, err := eng.Principals(context.Background())
	if err != nil {
		panic(err)
	}
	for _, arn := range ps {
		principals[arn] = true
	}
	for _, arn := range rs {
		roles[arn] = true
	}
	return principals, roles
}

var actionShape = regexp.MustCompile(`^[^:]+:.+$`)

// checkDecision fails when a decision breaks the contract of Decide: an
// error is a deny with the reason, an allow carries no error and comes only
// from a well-formed request by a known principal or a session of a known
// role.
func checkDecision(t *testing.T, dec rego.Decision, err error, in map[string]any, principals, roles map[string]bool) {
	t.Helper()
	if err != nil {
		if dec.Allowed || dec.Decision == rego.Allow || len(dec.Errors) == 0 {
			t.Fatalf("an error must come with a deny that says why: %v, %+v", err, dec)
		}
	}
	if dec.Allowed != (dec.Decision == rego.Allow) {
		t.Fatalf("inconsistent decision %+v", dec)
	}
	if len(dec.Errors) > 0 && dec.Allowed {
		t.Fatalf("allowed with errors: %+v", dec)
	}
	if !dec.Allowed {
		return
	}
	if in == nil {
		t.Fatalf("allowed a request that is not a JSON object: %+v", dec)
	}
	action, _ := in["action"].(string)
	resource, okR := in["resource"].(string)
	if !actionShape.MatchString(action) || !okR || resource == "" {
		t.Fatalf("allowed a malformed request %v: %+v", in, dec)
	}
	principal, _ := in["principal"].(string)
	if sess, ok := in["session"].(map[string]any); ok {
		role, _ := sess["role"].(string)
		if !roles[role] {
			t.Fatalf("allowed a session of an unknown role %q: %+v", role, dec)
		}
		return
	}
	if !principals[principal] {
		t.Fatalf("allowed an unknown principal %q: %+v", principal, dec)
	}
}

// FuzzDecideInput: any bytes given as the decision input (what a sidecar
// receives) are decided without panic, and the decision keeps the contract.
func FuzzDecideInput(f *testing.F) {
	for _, s := range []string{
		`{"principal": "` + owner + `", "action": "register:Refund", "resource": "` + till + `", "context": {"aws:SourceIp": "203.0.113.9"}}`,
		`{"principal": "` + newbie + `", "action": "menu:ViewMenu", "resource": "*"}`,
		`{"principal": "arn:aws:iam::111122223333:root", "action": "register:Sell", "resource": "` + till + `"}`,
		`{"principal": "` + employee + `", "action": "register:Sell", "resource": "` + till + `", "session": {"role": "` + cashier + `", "name": "employee", "source": "` + employee + `", "mfa": true, "issued_at": "2026-01-01T00:00:00Z", "expires_at": "2099-01-01T00:00:00Z"}}`,
		`{"principal": 42, "action": ["register:Sell"], "resource": {"arn": "x"}, "context": []}`,
		`{"principal": "` + owner + `", "action": "register:Refund", "resource": "` + till + `", "context": {"aws:SourceIp": "not an ip", "aws:CurrentTime": 7, "aws:MultiFactorAuthAge": "x"}}`,
		`[]`, `null`, `"x"`, ``, `{`,
		// typed and nested context values, duplicate keys, bounds
		`{"principal": "` + owner + `", "action": "register:Refund", "resource": "` + till + `", "context": {"n": 1e999999999, "l": [[["x"]]], "o": {"a": {"b": null}}, "b": true, "f": -0.5e-3}}`,
		`{"principal": "` + owner + `", "principal": "` + newbie + `", "action": "register:Refund", "resource": "` + till + `"}`,
		`{"principal": "` + owner + `", "action": "register:Refund", "resource": "` + till + `", "context": {"k": ` + strings.Repeat("[", 40) + strings.Repeat("]", 40) + `}}`,
		`{"principal": "\u0061rn", "act\u0069on": "register:Sell", "resource": "\ud800"}`,
	} {
		f.Add([]byte(s))
	}
	eng, err := rego.Load(context.Background(), rego.FromBytes(coffeeShop()))
	if err != nil {
		f.Fatal(err)
	}
	principals, roles := knownPrincipals(eng)
	f.Fuzz(func(t *testing.T, input []byte) {
		dec, err := eng.DecideInput(context.Background(), input)
		var in map[string]any
		if json.Unmarshal(input, &in) != nil {
			in = nil
		}
		checkDecision(t, dec, err, in, principals, roles)
	})
}

// FuzzDecide: requests built from arbitrary strings through the Go API are
// decided without panic; unknown principals are denied with the reason.
func FuzzDecide(f *testing.F) {
	f.Add(owner, "register:Refund", till, "aws:SourceIp", "203.0.113.9")
	f.Add(newbie, "menu:ViewMenu", "*", "aws:CurrentTime", "2026-11-26T12:00:00Z")
	f.Add(employee, "menu:ViewMenu", "*", "aws:PrincipalTag/team", "counter")
	f.Add("arn:aws:iam::111122223333:root", "inventory:DeleteItem", "arn:aws:inventory:::stock/1", "aws:MultiFactorAuthAge", "60")
	f.Add("anonymous", "s3:GetObject", "arn:aws:s3:::b/k", "", "")
	f.Add("ec2.amazonaws.com", "sts:AssumeRole", cashier, "aws:SourceIp", "::1")
	eng, err := rego.Load(context.Background(), rego.FromBytes(coffeeShop()))
	if err != nil {
		f.Fatal(err)
	}
	principals, roles := knownPrincipals(eng)
	f.Fuzz(func(t *testing.T, principal, action, resource, key, value string) {
		req := rego.Request{Principal: principal, Action: action, Resource: resource, Context: map[string]any{key: value}}
		dec, err := eng.Decide(context.Background(), req)
		in := map[string]any{"principal": principal, "action": action, "resource": resource}
		checkDecision(t, dec, err, in, principals, roles)
		if !principals[principal] && len(dec.Errors) == 0 && principal != "anonymous" && !strings.HasSuffix(principal, ".amazonaws.com") {
			t.Fatalf("unknown principal %q decided without a reason in errors: %+v", principal, dec)
		}
	})
}

// FuzzDecideContext: context values of every JSON kind, typed as a Go
// caller types them (strings, numbers of several Go types, booleans, nil,
// lists, nested maps, json.Number) and nested to any depth, are decided
// without panic through Decide, AssumeRole and GetFederationToken, and the
// decision keeps the contract.
func FuzzDecideContext(f *testing.F) {
	f.Add("aws:SourceIp", uint8(0), "203.0.113.9", 1.5, uint8(0))
	f.Add("aws:MultiFactorAuthAge", uint8(1), "60", 60.0, uint8(0))
	f.Add("aws:CurrentTime", uint8(2), "2026-11-26T12:00:00Z", 0.0, uint8(3))
	f.Add("aws:PrincipalTag/team", uint8(3), "counter", 0.0, uint8(40))
	f.Add("ec2:ResourceTag/env", uint8(4), "prod", 1e308, uint8(1))
	f.Add("n", uint8(5), "1e999999999", 0.0, uint8(0))
	f.Add("k", uint8(6), "x", -0.0, uint8(255))
	eng, err := rego.Load(context.Background(), rego.FromBytes(coffeeShop()))
	if err != nil {
		f.Fatal(err)
	}
	principals, roles := knownPrincipals(eng)
	f.Fuzz(func(t *testing.T, key string, kind uint8, s string, n float64, depth uint8) {
		var v any
		switch kind % 9 {
		case 0:
			v = s
		case 1:
			v = n
		case 2:
			v = int64(n)
		case 3:
			v = []string{s, s}
		case 4:
			v = []any{s, n, kind%2 == 0, nil}
		case 5:
			v = json.Number(s)
		case 6:
			v = kind%2 == 0
		case 7:
			v = nil
		case 8:
			v = map[string]any{s: n}
		}
		for range depth {
			v = map[string]any{key: v}
		}
		ctxv := map[string]any{key: v}
		ctx := context.Background()
		req := rego.Request{Principal: owner, Action: "register:Refund", Resource: till, Context: ctxv}
		dec, err := eng.Decide(ctx, req)
		checkDecision(t, dec, err, map[string]any{"principal": owner, "action": "register:Refund", "resource": till}, principals, roles)
		if int(depth) > rego.MaxInputDepth && len(dec.Errors) == 0 {
			t.Fatalf("a value nested %d levels was decided without an error: %+v", depth, dec)
		}
		if _, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier, MFA: true, Context: ctxv}); err == nil && int(depth) > rego.MaxInputDepth {
			t.Fatalf("a value nested %d levels made a session", depth)
		}
		if _, err := eng.GetFederationToken(ctx, rego.FederationRequest{Principal: owner, Context: ctxv}); err == nil && int(depth) > rego.MaxInputDepth {
			t.Fatalf("a value nested %d levels made a federated session", depth)
		}
	})
}

// FuzzLoadBundle: any bytes given as a bundle tarball are loaded or refused
// without panic, under a small size limit; a bundle that loads decides
// with the contract.
func FuzzLoadBundle(f *testing.F) {
	coffee := coffeeShop()
	f.Add(coffee)
	f.Add(coffee[:len(coffee)/2])
	f.Add([]byte{0x1f, 0x8b})
	f.Add([]byte("not a tarball"))
	f.Fuzz(func(t *testing.T, data []byte) {
		eng, err := rego.Load(context.Background(), rego.FromBytes(data), rego.WithMaxBundleSize(4<<20))
		if err != nil {
			return
		}
		dec, err := eng.Decide(context.Background(), rego.Request{Principal: owner, Action: "register:Refund", Resource: till})
		consistent(t, dec, err)
	})
}

// FuzzBundleEntry: the coffee shop's bundle with one entry added or
// replaced by arbitrary bytes (data.json, a module, the manifest, a file
// anywhere) is loaded or refused without panic; signed, any change is
// refused.
func FuzzBundleEntry(f *testing.F) {
	f.Add("iamc/model/data.json", []byte(`{"principals": {}}`))
	f.Add(".manifest", []byte(`{"roots": [""]}`))
	f.Add("iamc/core/core.rego", []byte("package iamc.core\nallow := true\n"))
	f.Add("iamc/evil.rego", []byte("package iamc\ndecision := {\"allowed\": true}\n"))
	f.Add("../escape.json", []byte(`{}`))
	f.Add("x/data.json", bytes.Repeat([]byte("["), 100000))
	out, _, diags := compiler.Build("../examples/coffee-shop")
	if diags.HasErrors() {
		f.Fatal(diags)
	}
	key, pub := fuzzKeys(f)
	f.Fuzz(func(t *testing.T, name string, content []byte) {
		files := out.Files()
		files[name] = content
		data, ok := tarOf(t, files)
		if !ok {
			return // a name no tarball can hold
		}
		// An unsigned bundle is whatever its author wrote: it may allow
		// anything, but a decision is always consistent.
		if eng, err := rego.Load(context.Background(), rego.FromBytes(data), rego.WithMaxBundleSize(4<<20)); err == nil {
			dec, err := eng.Decide(context.Background(), rego.Request{Principal: newbie, Action: "register:Refund", Resource: till})
			consistent(t, dec, err)
		}
		signed := *out
		if err := signed.Sign(compiler.Signing{Key: key}); err != nil {
			t.Fatal(err)
		}
		sfiles := signed.Files()
		if bytes.Equal(sfiles[name], content) {
			return // not a change
		}
		sfiles[name] = content
		data, _ = tarOf(t, sfiles)
		if _, err := rego.Load(context.Background(), rego.FromBytes(data), rego.WithVerificationKey(rego.VerificationKey{Key: pub})); err == nil {
			t.Fatalf("a signed bundle with %q changed was loaded", name)
		}
	})
}

// consistent fails when a decision contradicts itself or an error comes
// with an allow.
func consistent(t *testing.T, dec rego.Decision, err error) {
	t.Helper()
	if dec.Allowed != (dec.Decision == rego.Allow) || (dec.Allowed && (err != nil || len(dec.Errors) > 0)) {
		t.Fatalf("inconsistent decision %+v (error %v)", dec, err)
	}
}

// tarOf packs files as a bundle tarball, as iamc writes it; false for a
// name that a tarball cannot hold.
func tarOf(t testing.TB, files map[string][]byte) ([]byte, bool) {
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := tw.WriteHeader(&tar.Header{Name: "/" + n, Mode: 0o644, Typeflag: tar.TypeReg, Size: int64(len(files[n]))}); err != nil {
			return nil, false
		}
		if _, err := tw.Write(files[n]); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), true
}

// fuzzKeys makes an RSA key pair for the signed cases.
func fuzzKeys(f *testing.F) (priv, pub string) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		f.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		f.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
}
