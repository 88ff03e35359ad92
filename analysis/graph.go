package analysis

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"sort"
	"strings"
)

// Graph is a picture of a model: its principals, groups and roles by
// account, who is in which group, who can assume which role (each edge an
// allowed sts:AssumeRole), and optionally the escalation edges and who
// reaches a resource.
type Graph struct {
	Nodes []GraphNode `json:"nodes"`
	Edges []GraphEdge `json:"edges"`
	// Accounts names each account of a node: ID to block name.
	Accounts map[string]string `json:"accounts"`
}

// GraphNode is a principal, group, service, resource or outsider.
type GraphNode struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Kind    string `json:"kind"` // user, root, role, group, service, anonymous, external, federated, resource
	Account string `json:"account,omitempty"`
	Admin   bool   `json:"admin,omitempty"`
}

// GraphEdge is membership, assumption, escalation or access.
type GraphEdge struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Kind  string `json:"kind"` // member, assume, escalate, access
	Label string `json:"label,omitempty"`
}

// GraphOptions says what to draw beyond principals, groups and roles.
type GraphOptions struct {
	// Escalations adds the escalation edges (and marks administrators).
	Escalations bool
	// WhoCan adds a resource node and an edge from every caller allowed
	// the action on it.
	WhoCan *WhoCanResult
	// Context is the context of the assumption requests.
	Context map[string]any
}

// Graph draws the model.
func (p *Project) Graph(ctx context.Context, opt GraphOptions) (*Graph, error) {
	gb := &graphBuilder{p: p, g: &Graph{Accounts: map[string]string{}}, nodes: map[string]*GraphNode{}, edges: map[string]bool{}}
	gb.principals()
	if err := gb.assumptions(ctx, opt.Context); err != nil {
		return nil, err
	}
	if opt.Escalations {
		if err := gb.escalations(ctx, opt.Context); err != nil {
			return nil, err
		}
	}
	if opt.WhoCan != nil {
		gb.whoCan(opt.WhoCan)
	}
	return gb.finish(), nil
}

// graphBuilder collects the nodes and edges of a graph.
type graphBuilder struct {
	p     *Project
	g     *Graph
	nodes map[string]*GraphNode
	edges map[string]bool
}

func (gb *graphBuilder) node(n GraphNode) {
	if gb.nodes[n.ID] == nil {
		gb.nodes[n.ID] = &n
		if n.Account != "" {
			gb.g.Accounts[n.Account] = gb.p.Model.Accounts[n.Account]
		}
	}
}

func (gb *graphBuilder) edge(e GraphEdge) {
	k := e.From + "\x00" + e.To + "\x00" + e.Kind + "\x00" + e.Label
	if !gb.edges[k] {
		gb.edges[k] = true
		gb.g.Edges = append(gb.g.Edges, e)
	}
}

// principals adds the users, roles and groups, and who is in which group.
func (gb *graphBuilder) principals() {
	m := gb.p.Model
	for _, pr := range m.principalsOf() {
		if pr.Kind != KindRoot {
			gb.node(GraphNode{ID: pr.ARN, Label: pr.Ref(), Kind: string(pr.Kind), Account: pr.Account})
		}
	}
	for _, grp := range sortedGroups(m.Groups) {
		id := "group:" + grp.Name
		gb.node(GraphNode{ID: id, Label: "group." + grp.Name, Kind: "group", Account: grp.Account})
		for _, u := range grp.Members {
			gb.edge(GraphEdge{From: u, To: id, Kind: "member"})
		}
	}
}

// assumptions adds every way into every role.
func (gb *graphBuilder) assumptions(ctx context.Context, base map[string]any) error {
	memo := Assumptions{}
	for _, role := range gb.p.sortedRoles() {
		a, err := gb.p.into(ctx, role, base, memo)
		if err != nil {
			return err
		}
		for _, e := range a.edges {
			gb.p.graphNodeOf(e.From, e.FromKind, gb.node)
			gb.edge(GraphEdge{From: e.From, To: e.To, Kind: "assume", Label: edgeLabel("assume", e)})
		}
		for _, o := range a.outside {
			id := "outside:" + o.Principal
			gb.node(GraphNode{ID: id, Label: o.Principal, Kind: string(o.Kind)})
			gb.edge(GraphEdge{From: id, To: role.ARN, Kind: "assume", Label: "trusted"})
		}
	}
	return nil
}

// escalations adds the escalation edges and marks the administrators.
func (gb *graphBuilder) escalations(ctx context.Context, base map[string]any) error {
	esc, err := gb.p.Escalations(ctx, nil, base)
	if err != nil {
		return err
	}
	for _, e := range esc.Edges {
		// An administrator's edges add nothing: it can do anything.
		if e.Via == "assume-role" || (esc.Nodes[e.From] != nil && esc.Nodes[e.From].Admin) {
			continue
		}
		gb.p.graphNodeOf(e.From, e.FromKind, gb.node)
		gb.p.graphNodeOf(e.To, "", gb.node)
		gb.edge(GraphEdge{From: e.From, To: e.To, Kind: "escalate", Label: edgeLabel(e.Via, e)})
	}
	for id, n := range esc.Nodes {
		if gn := gb.nodes[id]; gn != nil && n.Admin {
			gn.Admin = true
		}
	}
	return nil
}

// whoCan adds the resource of an answer and who reaches it.
func (gb *graphBuilder) whoCan(r *WhoCanResult) {
	res := "resource:" + r.Resource
	gb.node(GraphNode{ID: res, Label: r.Resource, Kind: "resource"})
	for _, a := range r.Allowed {
		gb.p.graphNodeOf(a.Principal, a.Kind, gb.node)
		label := r.Action
		if req := requirement(a.MFA, a.Context); req != "" {
			label += " " + req
		}
		gb.edge(GraphEdge{From: a.Principal, To: res, Kind: "access", Label: label})
	}
}

// finish sorts the nodes by account and label, and the edges.
func (gb *graphBuilder) finish() *Graph {
	g := gb.g
	for _, n := range gb.nodes {
		g.Nodes = append(g.Nodes, *n)
	}
	g.Edges = joinEdges(g.Edges)
	sort.Slice(g.Nodes, func(i, j int) bool {
		if g.Nodes[i].Account != g.Nodes[j].Account {
			return g.Nodes[i].Account < g.Nodes[j].Account
		}
		return g.Nodes[i].Label < g.Nodes[j].Label
	})
	sort.SliceStable(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Label < b.Label
	})
	return g
}

// graphNodeOf adds the node of an edge's end that is not a principal of
// the model already drawn: a root user, a service, anonymous.
func (p *Project) graphNodeOf(id string, kind Kind, add func(GraphNode)) {
	if pr := p.node(id); pr != nil {
		add(GraphNode{ID: pr.ARN, Label: pr.Ref(), Kind: string(pr.Kind), Account: pr.Account})
		return
	}
	if kind == "" {
		kind = KindExternal
	}
	add(GraphNode{ID: id, Label: p.refOf(id), Kind: string(kind)})
}

func edgeLabel(via string, e Edge) string {
	if req := requirement(e.MFA, e.Context); req != "" {
		return via + " " + req
	}
	return via
}

// nodeIDs gives the nodes short identifiers, n0, n1, … in node order.
func (g *Graph) nodeIDs() map[string]string {
	ids := map[string]string{}
	for i, n := range g.Nodes {
		ids[n.ID] = fmt.Sprintf("n%d", i)
	}
	return ids
}

// accountOrder lists the accounts of the nodes, sorted, "" (no account)
// last.
func (g *Graph) accountOrder() []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range g.Nodes {
		if n.Account != "" && !seen[n.Account] {
			seen[n.Account] = true
			out = append(out, n.Account)
		}
	}
	sort.Strings(out)
	return out
}

func (g *Graph) accountLabel(a string) string {
	if name := g.Accounts[a]; name != "" {
		return "account " + name + " (" + a + ")"
	}
	return "account " + a
}

var dotShapes = map[string]string{
	"user": "box", "root": "box", "role": "ellipse", "group": "tab", "service": "hexagon",
	"anonymous": "diamond", "external": "octagon", "federated": "octagon", "resource": "cylinder",
}

var dotEdgeStyles = map[string]string{
	"member": `style=dashed, arrowhead=none, color="#888888"`, "assume": `color="#1f5fbf"`,
	"escalate": `color="#c0392b", style=bold`, "access": `color="#2e8b57"`,
}

// WriteDot writes the graph in Graphviz's dot language: one cluster per
// account.
func (g *Graph) WriteDot(w io.Writer) error {
	ids := g.nodeIDs()
	var b strings.Builder
	b.WriteString("digraph iamc {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11, style=rounded];\n  edge [fontname=\"Helvetica\", fontsize=9];\n")
	writeNode := func(indent string, n GraphNode) {
		attrs := fmt.Sprintf("label=%s, shape=%s", dotQuote(n.Label), dotShapes[n.Kind])
		if n.Admin {
			attrs += `, color="#c0392b", penwidth=2`
		}
		fmt.Fprintf(&b, "%s%s [%s];\n", indent, ids[n.ID], attrs)
	}
	for i, a := range g.accountOrder() {
		fmt.Fprintf(&b, "  subgraph cluster_%d {\n    label=%s;\n    style=rounded;\n    color=\"#999999\";\n", i, dotQuote(g.accountLabel(a)))
		for _, n := range g.Nodes {
			if n.Account == a {
				writeNode("    ", n)
			}
		}
		b.WriteString("  }\n")
	}
	for _, n := range g.Nodes {
		if n.Account == "" {
			writeNode("  ", n)
		}
	}
	for _, e := range g.Edges {
		attrs := dotEdgeStyles[e.Kind]
		if e.Label != "" {
			attrs += ", label=" + dotQuote(e.Label)
		}
		fmt.Fprintf(&b, "  %s -> %s [%s];\n", ids[e.From], ids[e.To], attrs)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

var mermaidShapes = map[string][2]string{
	"user": {"[", "]"}, "root": {"[[", "]]"}, "role": {"([", "])"}, "group": {"[/", "/]"}, "service": {"{{", "}}"},
	"anonymous": {"{", "}"}, "external": {">", "]"}, "federated": {">", "]"}, "resource": {"[(", ")]"},
}

var mermaidArrows = map[string]string{"member": "-.-", "assume": "-->", "escalate": "==>", "access": "-->"}

// WriteMermaid writes the graph as a Mermaid flowchart: one subgraph per
// account.
func (g *Graph) WriteMermaid(w io.Writer) error {
	ids := g.nodeIDs()
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	writeNode := func(indent string, n GraphNode) {
		sh := mermaidShapes[n.Kind]
		fmt.Fprintf(&b, "%s%s%s\"%s\"%s\n", indent, ids[n.ID], sh[0], mermaidText(n.Label), sh[1])
	}
	for i, a := range g.accountOrder() {
		fmt.Fprintf(&b, "  subgraph a%d[\"%s\"]\n", i, mermaidText(g.accountLabel(a)))
		for _, n := range g.Nodes {
			if n.Account == a {
				writeNode("    ", n)
			}
		}
		b.WriteString("  end\n")
	}
	for _, n := range g.Nodes {
		if n.Account == "" {
			writeNode("  ", n)
		}
	}
	for _, e := range g.Edges {
		arrow := mermaidArrows[e.Kind]
		if e.Label != "" {
			fmt.Fprintf(&b, "  %s %s|\"%s\"| %s\n", ids[e.From], arrow, mermaidText(e.Label), ids[e.To])
		} else {
			fmt.Fprintf(&b, "  %s %s %s\n", ids[e.From], arrow, ids[e.To])
		}
	}
	for _, n := range g.Nodes {
		if n.Admin {
			fmt.Fprintf(&b, "  style %s stroke:#c0392b,stroke-width:2px\n", ids[n.ID])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "|", "#124;", "\n", " ").Replace(s)
}

// DotMissingError says that Graphviz's dot, which renders SVG, is not
// installed.
type DotMissingError struct{ Err error }

func (e *DotMissingError) Error() string {
	return "rendering SVG needs Graphviz's dot, which is not installed (" + e.Err.Error() +
		"): install it with `apt-get install graphviz` (Debian, Ubuntu) or `brew install graphviz` (macOS), or use --format dot"
}

func (e *DotMissingError) Unwrap() error { return e.Err }

// WriteSVG renders the graph to SVG with Graphviz's dot (a
// *DotMissingError when it is not installed).
func (g *Graph) WriteSVG(ctx context.Context, w io.Writer) error {
	path, err := exec.LookPath("dot")
	if err != nil {
		return &DotMissingError{err}
	}
	var src bytes.Buffer
	if err := g.WriteDot(&src); err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, path, "-Tsvg")
	cmd.Stdin = &src
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("dot -Tsvg: %v: %s", err, strings.TrimSpace(errb.String()))
	}
	_, err = w.Write(out.Bytes())
	return err
}

// joinEdges makes one edge of the edges of a kind between two nodes, its
// label their labels joined.
func joinEdges(es []GraphEdge) []GraphEdge {
	var out []GraphEdge
	index := map[string]int{}
	for _, e := range es {
		k := e.From + "\x00" + e.To + "\x00" + e.Kind
		if i, ok := index[k]; ok {
			if e.Label != "" {
				out[i].Label += ", " + e.Label
			}
			continue
		}
		index[k] = len(out)
		out = append(out, e)
	}
	return out
}
