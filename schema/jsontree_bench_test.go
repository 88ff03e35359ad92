package schema_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/schema"
)

// managedDocuments returns the documents of every AWS managed policy of the
// embedded catalog, as stored (compact) or indented as the loader reads them.
func managedDocuments(b *testing.B, indent bool) ([][]byte, int64) {
	b.Helper()
	var docs [][]byte
	var size int64
	for _, arn := range catalog.ManagedPolicies() {
		mp, ok := catalog.LookupManagedPolicy(arn)
		if !ok {
			b.Fatalf("%s is listed but not found", arn)
		}
		src := mp.Document
		if indent {
			var buf bytes.Buffer
			if err := json.Indent(&buf, mp.Document, "", "  "); err != nil {
				b.Fatalf("%s: %v", arn, err)
			}
			src = buf.Bytes()
		}
		docs = append(docs, src)
		size += int64(len(src))
	}
	if len(docs) == 0 {
		b.Fatal("the catalog holds no managed policies")
	}
	return docs, size
}

// BenchmarkParsePolicyJSON decodes every AWS managed policy of the catalog
// (about 1,400 documents): the JSON reader and the policy decoder together.
func BenchmarkParsePolicyJSON(b *testing.B) {
	for _, c := range []struct {
		name   string
		indent bool
	}{{"compact", false}, {"indented", true}} {
		b.Run(c.name, func(b *testing.B) {
			docs, size := managedDocuments(b, c.indent)
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for _, src := range docs {
					if _, diags := schema.ParsePolicyJSON("p.json", src); diags.HasErrors() {
						b.Fatal(diags)
					}
				}
			}
		})
	}
}
