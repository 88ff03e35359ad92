package bench

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// candidatesProject is a user whose one policy holds k statements that no
// index can set aside for the request: each allows s3:GetObject on every
// resource under a condition on aws:SourceIp that the request fails, so each
// is a candidate the core must check; and one statement that allows the
// request.
func candidatesProject(k int) fstest.MapFS {
	var b strings.Builder
	b.WriteString(`account "shop" {
  id = "111122223333"
}

user "reader" {
  account  = account.shop
  policies = [policy.reads]
}

policy "reads" {
  account = account.shop
  statement "Allowed" {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::reports/*"]
  }
`)
	for i := range k {
		fmt.Fprintf(&b, `  statement "FromNetwork%d" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["10.%d.%d.0/24"]
    }
  }
`, i, i/256, i%256)
	}
	b.WriteString("}\n")
	return fstest.MapFS{"main.hcl": {Data: []byte(b.String())}}
}

// BenchmarkCandidates times the decision of a request with k candidate
// statements that are checked one by one (conditions that fail, on "*"),
// for k = 0, 10 and 100: (ns(k=100) - ns(k=0)) / 100 is what one candidate
// statement costs.
func BenchmarkCandidates(b *testing.B) {
	ctx := context.Background()
	for _, k := range []int{0, 10, 100} {
		out, _, diags := compiler.BuildFS(candidatesProject(k))
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		var bundle bytes.Buffer
		if err := out.WriteBundle(&bundle); err != nil {
			b.Fatal(err)
		}
		eng, err := rego.Load(ctx, rego.FromBytes(bundle.Bytes()))
		if err != nil {
			b.Fatal(err)
		}
		req := rego.Request{
			Principal: "arn:aws:iam::111122223333:user/reader",
			Action:    "s3:GetObject",
			Resource:  "arn:aws:s3:::reports/2026/q3.csv",
			Context:   map[string]any{"aws:SourceIp": "192.0.2.10"},
		}
		dec, err := eng.Decide(ctx, req)
		if err != nil {
			b.Fatal(err)
		}
		if !dec.Allowed || len(dec.Reasons) != 1 || dec.Reasons[0].Statement != "Allowed" {
			b.Fatalf("k=%d: %s %v, want allow by Allowed alone", k, dec.Decision, dec.Reasons)
		}
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eng.Decide(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
