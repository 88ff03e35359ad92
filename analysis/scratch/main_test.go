package scratch

import (
	"context"
	"fmt"
	"testing"

	"github.com/iamc/iamc/analysis"
)

func TestEsc(t *testing.T) {
	p, _, err := analysis.Open(context.Background(), "/work/wt/analysis/testdata/analysis/escalation")
	if err != nil {
		t.Fatal(err)
	}
	g, err := p.Escalations(context.Background(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range g.Edges {
		fmt.Println(e.FromRef, "->", e.ToRef, e.Via, e.MFA, e.Context, len(e.Requests))
	}
	for id, n := range g.Nodes {
		fmt.Println(id, n.Admin)
	}
	for _, pa := range g.Reaching() {
		fmt.Print(pa.From, ": ")
		for _, s := range pa.Steps {
			fmt.Print(s.FromRef, " -", s.Via, "-> ", s.ToRef, "; ")
		}
		fmt.Println()
	}
}
