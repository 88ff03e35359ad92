package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// BenchmarkDecision compares one decision's latency embedded and through a
// real OPA sidecar over loopback HTTP (keep-alive, one request at a time),
// on the coffee-shop bundle:
//
//	go test ./e2e -run '^$' -bench Decision -benchtime 2000x
func BenchmarkDecision(b *testing.B) {
	ctx := context.Background()
	out, _, diags := compiler.Build(coffee)
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	bundle, err := out.BundleBytes()
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "coffee.tar.gz")
	if err := os.WriteFile(file, bundle, 0o644); err != nil {
		b.Fatal(err)
	}
	eng, err := rego.Load(ctx, rego.FromBytes(bundle))
	if err != nil {
		b.Fatal(err)
	}
	sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: "arn:aws:iam::111122223333:user/staff/employee",
		Role: "arn:aws:iam::111122223333:role/shop/Cashier", MFA: true})
	if err != nil {
		b.Fatal(err)
	}
	requests := map[string]rego.Request{
		"user": {Principal: "arn:aws:iam::111122223333:user/owner", Action: "register:Refund", Resource: "arn:aws:register:::till/1"},
		"session": {Principal: "arn:aws:iam::111122223333:user/staff/employee", Action: "register:Sell",
			Resource: "arn:aws:register:::till/1", Session: sess},
	}
	opa := startOPA(b, "opa bench", "--bundle", file)
	for _, name := range []string{"user", "session"} {
		req := requests[name]
		input, err := json.Marshal(rego.RequestInput(req))
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name+"/embedded", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eng.Decide(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/embedded-json", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eng.DecideInput(ctx, input); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/sidecar-http", func(b *testing.B) {
			in := rego.RequestInput(req)
			b.ReportAllocs()
			for b.Loop() {
				if _, ok, err := opa.query(ctx, "iamc/decision", in); err != nil || !ok {
					b.Fatal(err, ok)
				}
			}
		})
	}
}
