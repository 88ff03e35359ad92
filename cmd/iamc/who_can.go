package main

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/internal/output"
)

type whoCanParams struct {
	action, resource, path, format string
	context                        []string
}

func newWhoCanCmd(s *streams) *cobra.Command {
	p := &whoCanParams{}
	cmd := &cobra.Command{
		Use:   "who-can ACTION RESOURCE [DIR|BUNDLE]",
		Short: "List every principal allowed an action on a resource",
		Long: `Who-can lists every caller the project allows ACTION on RESOURCE: users (with
long-term keys, or with MFA when only that allows them), account root users,
the sessions of roles with every way into each role (who can assume it, with
MFA or a context such as sts:ExternalId, through chains of roles, across
accounts), federated user sessions, and the services and anonymous callers a
resource policy admits. Each comes with the statements that allowed it.
Grants of a resource or trust policy to principals outside the project
(another account, an identity provider) are listed apart: their own account's
policies decide too.

Every caller listed is a decision of the engine; which callers are asked is
worked out from the statements (docs/analysis.md). When a caller is allowed
only with context keys the request did not give (a region, a source address),
who-can tries the values the conditions test and says which ones allow.

Formats: pretty, json, and the graph formats dot, mermaid and svg (who
reaches the resource; svg needs Graphviz's dot).`,
		Example: `  iamc who-can register:Sell arn:aws:register:::till/1 examples/coffee-shop
  iamc who-can sts:AssumeRole arn:aws:iam::111122223333:role/shop/Cashier examples/coffee-shop
  iamc who-can s3:GetObject arn:aws:s3:::reports/q3.csv bundle.tar.gz --context aws:SourceIp=10.0.0.1
  iamc who-can register:Sell arn:aws:register:::till/1 examples/coffee-shop --format json`,
		Args: cobra.RangeArgs(2, 3),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.action, p.resource, p.path = args[0], args[1], pathArg(args, 2)
			return runWhoCan(cmd.Context(), s, p)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&p.context, "context", nil, "a condition key and value of the request, key=value (a JSON list for several values); repeat")
	f.StringVar(&p.format, "format", "pretty", "output format: pretty, json, dot, mermaid or svg")
	return cmd
}

func runWhoCan(ctx context.Context, s *streams, p *whoCanParams) error {
	if err := checkFormat(p.format, "pretty", "json", "dot", "mermaid", "svg"); err != nil {
		return err
	}
	proj, base, err := openWithContext(ctx, s, p.path, p.context)
	if err != nil {
		return err
	}
	res, err := proj.WhoCan(ctx, p.action, p.resource, base)
	if err != nil {
		return err
	}
	switch p.format {
	case "pretty":
		res.WriteText(s.out)
		return nil
	case "json":
		return output.WriteJSON(s.out, res)
	}
	g, err := proj.Graph(ctx, analysis.GraphOptions{WhoCan: res, Context: base})
	if err != nil {
		return err
	}
	return writeGraph(ctx, s.out, g, p.format)
}
