package scratch

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/iamc/iamc/analysis"
)

func TestDiff(t *testing.T) {
	dir := t.TempDir()
	exec.Command("cp", "-r", "/work/wt/analysis/examples/coffee-shop/.", dir).Run()
	os.WriteFile(dir+"/more.hcl", []byte(`
policy "more" {
  statement "Stock" {
    actions = ["inventory:View*"]
    resources = ["arn:aws:inventory:::stock/*"]
  }
}
`), 0o644)
	b, _ := os.ReadFile(dir + "/people.hcl")
	b = []byte(string(b) + "\nuser \"clerk\" {\n  policies = [policy.more]\n}\n")
	os.WriteFile(dir+"/people.hcl", b, 0o644)
	b, _ = os.ReadFile(dir + "/policies.hcl")
	os.WriteFile(dir+"/policies.hcl", []byte(string(b)+"\n"), 0o644)
	old, _, err := analysis.Open(context.Background(), "/work/wt/analysis/examples/coffee-shop")
	if err != nil {
		t.Fatal(err)
	}
	cur, _, err := analysis.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	r, err := analysis.Diff(context.Background(), old, cur, nil)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.MarshalIndent(r, "", " ")
	fmt.Println(string(out)[:min(3000, len(out))])
	fmt.Println(r.Statements, r.Principals, r.Asked, len(r.Gained), len(r.Lost))
}
