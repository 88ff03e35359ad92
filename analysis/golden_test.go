package analysis_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/internal/gen"
	"github.com/iamc/iamc/internal/golden"
	"github.com/iamc/iamc/internal/output"
)

const goldenDir = "../testdata/analysis/golden"

// goldenCase renders one answer.
type goldenCase struct {
	file   string
	render func(t *testing.T, w *bytes.Buffer)
}

func runGolden(t *testing.T, cases []goldenCase) {
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			c.render(t, &b)
			golden.Check(t, filepath.Join(goldenDir, c.file), b.Bytes())
		})
	}
}

func whoCanText(dir, action, resource string, base map[string]any, json bool) func(*testing.T, *bytes.Buffer) {
	return func(t *testing.T, w *bytes.Buffer) {
		r, err := open(t, dir).WhoCan(context.Background(), action, resource, base)
		require.NoError(t, err)
		if json {
			require.NoError(t, output.WriteJSON(w, r))
			return
		}
		r.WriteText(w)
	}
}

func canText(dir string, q analysis.CanQuery, json bool) func(*testing.T, *bytes.Buffer) {
	return func(t *testing.T, w *bytes.Buffer) {
		r, err := open(t, dir).Can(context.Background(), q)
		require.NoError(t, err)
		if json {
			require.NoError(t, output.WriteJSON(w, r))
			return
		}
		r.WriteText(w)
	}
}

func pathsText(dir, from, to string) func(*testing.T, *bytes.Buffer) {
	return func(t *testing.T, w *bytes.Buffer) {
		p := open(t, dir)
		g, err := p.Escalations(context.Background(), []*analysis.Principal{p.Principal(from)}, nil)
		require.NoError(t, err)
		analysis.WritePaths(w, from, to, g.Paths(from, to))
	}
}

func graphText(dir string, opt analysis.GraphOptions, format string) func(*testing.T, *bytes.Buffer) {
	return func(t *testing.T, w *bytes.Buffer) {
		g, err := open(t, dir).Graph(context.Background(), opt)
		require.NoError(t, err)
		if format == "mermaid" {
			require.NoError(t, g.WriteMermaid(w))
			return
		}
		require.NoError(t, g.WriteDot(w))
	}
}

// Every answer of the coffee shop, in every format.
func TestGoldenCoffeeShop(t *testing.T) {
	t.Parallel()
	const (
		till     = "arn:aws:register:::till/1"
		employee = "arn:aws:iam::111122223333:user/staff/employee"
		cashier  = "arn:aws:iam::111122223333:role/shop/Cashier"
	)
	refunds := map[string][][2]string{"policies.hcl": {
		{`"register:View*"]`, `"register:View*", "register:Refund"]`},
		{`["register:Refund", "inventory:DeleteItem"]`, `["inventory:DeleteItem"]`},
	}}
	diff := func(format string) func(*testing.T, *bytes.Buffer) {
		return func(t *testing.T, w *bytes.Buffer) {
			cur, _, err := analysis.Open(context.Background(), revise(t, coffee, refunds))
			require.NoError(t, err)
			cur.Name = "refunds"
			old := *open(t, coffee)
			old.Name = "coffee-shop"
			r, err := analysis.Diff(context.Background(), &old, cur, nil)
			require.NoError(t, err)
			switch format {
			case "json":
				require.NoError(t, output.WriteJSON(w, r))
			case "markdown":
				r.WriteMarkdown(w)
			default:
				r.WriteText(w)
			}
		}
	}
	runGolden(t, []goldenCase{
		{"coffee-who-can-sell.txt", whoCanText(coffee, "register:Sell", till, nil, false)},
		{"coffee-who-can-sell.json", whoCanText(coffee, "register:Sell", till, nil, true)},
		{"coffee-who-can-assume-cashier.txt", whoCanText(coffee, "sts:AssumeRole", cashier, nil, false)},
		{"coffee-can-employee.txt", canText(coffee, analysis.CanQuery{Principal: employee}, false)},
		{"coffee-can-cashier.txt", canText(coffee, analysis.CanQuery{Principal: employee, Assume: cashier, MFA: true}, false)},
		{"coffee-can-cashier.json", canText(coffee, analysis.CanQuery{Principal: employee, Assume: cashier, MFA: true}, true)},
		{"coffee-paths-employee-cashier.txt", pathsText(coffee, employee, cashier)},
		{"coffee-graph.dot", graphText(coffee, analysis.GraphOptions{}, "dot")},
		{"coffee-graph.mmd", graphText(coffee, analysis.GraphOptions{}, "mermaid")},
		{"coffee-diff.txt", diff("pretty")},
		{"coffee-diff.md", diff("markdown")},
		{"coffee-diff.json", diff("json")},
	})
}

// The organization and the escalations.
func TestGoldenProjects(t *testing.T) {
	t.Parallel()
	const deployer = "arn:aws:iam::222222222222:role/Deployer"
	runGolden(t, []goldenCase{
		{"org-who-can-logs.txt", whoCanText(orgDir, "s3:GetObject", "arn:aws:s3:::logs/app/1.log", nil, false)},
		{"org-who-can-public.txt", whoCanText(orgDir, "s3:GetObject", "arn:aws:s3:::logs/public/report.csv", nil, false)},
		{"org-can-deployer.txt", canText(orgDir, analysis.CanQuery{Principal: deployer, Service: "s3"}, false)},
		{"org-graph.mmd", graphText(orgDir, analysis.GraphOptions{}, "mermaid")},
		{"escalation-paths-dave.txt", pathsText(escalation, "arn:aws:iam::111111111111:user/dave", analysis.Admin)},
		{"escalation-paths-bob.txt", pathsText(escalation, "arn:aws:iam::111111111111:user/bob", analysis.Admin)},
		{"escalation-graph.dot", graphText(escalation, analysis.GraphOptions{Escalations: true}, "dot")},
	})
}

// A generated organization (internal/gen, 300 statements, seed 7): who may
// make a designed request, what a user may do in one service, the graph.
func TestGoldenGenerated(t *testing.T) {
	t.Parallel()
	dir, org := genDir(t)
	reqs, err := org.Requests(gen.SessionAllow, 1, 3)
	require.NoError(t, err)
	q := reqs[0]
	user := org.Users[0]
	runGolden(t, []goldenCase{
		{"generated-who-can.txt", whoCanText(dir, q.Action, q.Resource, q.Context(), false)},
		{"generated-can.txt", canText(dir, analysis.CanQuery{Principal: user.ARN(), Service: "ecs",
			Context: map[string]any{gen.ContextRegion: "us-east-1"}}, false)},
		{"generated-graph.dot", graphText(dir, analysis.GraphOptions{}, "dot")},
	})
}
