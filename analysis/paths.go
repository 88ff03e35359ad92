package analysis

import "sort"

// Path is a way from one principal to another, or to administrator
// access: a list of edges, each resting on requests the engine allowed.
type Path struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Steps []Edge `json:"steps"`
}

// maxPaths bounds the paths Paths lists.
const maxPaths = 20

// Paths returns the ways from one node to another (Admin for
// administrator access), shortest first: for another principal, every
// chain of act edges of at most maxChain steps; for Admin, the shortest
// way to a principal with administrator access, or to one that can give
// a principal the caller can act as any permission.
func (g *EscalationGraph) Paths(from, to string) []Path {
	if to == Admin {
		if p, ok := g.AdminPath(from); ok {
			return []Path{p}
		}
		return nil
	}
	var out []Path
	var walk func(at string, path []Edge, seen map[string]bool)
	walk = func(at string, path []Edge, seen map[string]bool) {
		if len(out) >= maxPaths*4 {
			return
		}
		for _, i := range g.out[at] {
			e := g.Edges[i]
			if e.Grants() || seen[e.To] {
				continue
			}
			next := append(append([]Edge(nil), path...), e)
			if e.To == to {
				out = append(out, Path{From: from, To: to, Steps: next})
				continue
			}
			if len(next) < maxChain {
				seen[e.To] = true
				walk(e.To, next, seen)
				delete(seen, e.To)
			}
		}
	}
	walk(from, nil, map[string]bool{from: true})
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].Steps) < len(out[j].Steps) })
	if len(out) > maxPaths {
		out = out[:maxPaths]
	}
	return out
}

// reach returns every node the principal can act as through act edges,
// with the shortest chain to each.
func (g *EscalationGraph) reach(from string) map[string][]Edge {
	paths := map[string][]Edge{from: {}}
	queue := []string{from}
	for len(queue) > 0 {
		at := queue[0]
		queue = queue[1:]
		for _, i := range g.out[at] {
			e := g.Edges[i]
			if e.Grants() {
				continue
			}
			if _, ok := paths[e.To]; ok {
				continue
			}
			paths[e.To] = append(append([]Edge(nil), paths[at]...), e)
			queue = append(queue, e.To)
		}
	}
	return paths
}

// AdminPath returns the shortest way from a principal to administrator
// access: a chain of act edges to a principal that has it, or to one that
// can give a principal it can act as any permission (then the grant, then
// the chain to that principal). ok is false when there is none; a
// principal with administrator access has the empty path.
func (g *EscalationGraph) AdminPath(from string) (Path, bool) {
	reach := g.reach(from)
	best, found := Path{}, false
	consider := func(steps []Edge) {
		if !found || len(steps) < len(best.Steps) {
			best, found = Path{From: from, To: Admin, Steps: steps}, true
		}
	}
	ids := make([]string, 0, len(reach))
	for id := range reach {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		n := g.Nodes[id]
		if n == nil {
			continue
		}
		if n.Admin {
			consider(append([]Edge(nil), reach[id]...))
		}
		for _, i := range g.out[id] {
			e := g.Edges[i]
			if !e.Grants() {
				continue
			}
			if to, ok := reach[e.To]; ok {
				steps := append(append([]Edge(nil), reach[id]...), e)
				if e.To != id && !prefixOf(to, reach[id]) {
					steps = append(steps, to...)
				}
				consider(steps)
			}
		}
	}
	return best, found
}

// Reaching returns, for every principal of the graph that does not have
// administrator access itself, its shortest way to it, in node order.
func (g *EscalationGraph) Reaching() []Path {
	ids := make([]string, 0, len(g.Nodes))
	for id, n := range g.Nodes {
		if !n.Admin && (n.Kind == KindUser || n.Kind == KindRole) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	var out []Path
	for _, id := range ids {
		if p, ok := g.AdminPath(id); ok {
			out = append(out, p)
		}
	}
	return out
}

// prefixOf reports whether path p is a prefix of q: the grant's target is
// already on the way.
func prefixOf(p, q []Edge) bool {
	if len(p) > len(q) {
		return false
	}
	for i := range p {
		if p[i].From != q[i].From || p[i].To != q[i].To || p[i].Via != q[i].Via {
			return false
		}
	}
	return true
}
