package importer

import (
	"encoding/json"
	"testing"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/internal/jsontree"
)

// exportOfManagedPolicies is an export in the AWS CLI's form (indented by
// four spaces) whose Policies hold every AWS managed policy of the catalog.
func exportOfManagedPolicies(b *testing.B) []byte {
	b.Helper()
	var ps []any
	for _, arn := range catalog.ManagedPolicies() {
		mp, _ := catalog.LookupManagedPolicy(arn)
		ps = append(ps, map[string]any{"PolicyName": mp.Name, "Arn": arn, "Path": mp.Path, "DefaultVersionId": "v1",
			"PolicyVersionList": []any{map[string]any{"VersionId": "v1", "IsDefaultVersion": true, "Document": json.RawMessage(mp.Document)}}})
	}
	src, err := json.MarshalIndent(map[string]any{"Policies": ps}, "", "    ")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkParseExport reads an export of every AWS managed policy (about
// 1,400 documents) into a tree.
func BenchmarkParseExport(b *testing.B) {
	src := exportOfManagedPolicies(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, serr := jsontree.Parse(src, jsonOptions); serr != nil {
			b.Fatal(serr)
		}
	}
}
