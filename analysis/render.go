package analysis

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/iamc/iamc/rego"
)

// Text renderings of the answers, for people. Every answer also encodes
// as JSON (its fields' tags).

// contextText writes a context as key=value pairs in key order.
func contextText(ctx map[string]any) string {
	keys := make([]string, 0, len(ctx))
	for k := range ctx {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		v := ctx[k]
		if list, ok := v.([]any); ok && len(list) == 1 {
			v = list[0]
		}
		parts[i] = fmt.Sprintf("%s=%v", k, v)
	}
	return strings.Join(parts, " ")
}

// requirement says what an access needed beyond the request asked about.
func requirement(mfa bool, ctx map[string]any) string {
	var parts []string
	if mfa {
		parts = append(parts, "MFA")
	}
	if len(ctx) > 0 {
		parts = append(parts, contextText(ctx))
	}
	if len(parts) == 0 {
		return ""
	}
	return "with " + strings.Join(parts, ", ")
}

// writeReasons writes the statements of a decision, one a line.
func writeReasons(w io.Writer, indent string, d rego.Decision, root bool) {
	if len(d.Reasons) == 0 {
		if root {
			fmt.Fprintf(w, "%sno statement needed: the root user may do anything in its own account\n", indent)
		}
		return
	}
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	for _, r := range d.Reasons {
		fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\t%s\n", indent, r.Layer, r.Effect, r.Policy, r.Statement, r.Source)
	}
	tw.Flush()
}

// edgeText writes one edge: from ─via─▶ to, with what it needed.
func edgeText(e Edge) string {
	s := e.FromRef + " ─" + e.Via + "→ " + e.ToRef
	if req := requirement(e.MFA, e.Context); req != "" {
		s += " (" + req + ")"
	}
	return s
}

// edgeStatements names the statements that allowed an edge's requests.
func edgeStatements(e Edge) string {
	var parts []string
	seen := map[string]bool{}
	for _, r := range e.Requests {
		for _, reason := range r.Reasons {
			k := reason.Ref() + " " + reason.Source
			if !seen[k] {
				seen[k] = true
				parts = append(parts, k)
			}
		}
	}
	return strings.Join(parts, "; ")
}

// WriteText writes who may perform the action.
func (r *WhoCanResult) WriteText(w io.Writer) {
	fmt.Fprintf(w, "%s on %s", r.Action, r.Resource)
	if len(r.Context) > 0 {
		fmt.Fprintf(w, " with %s", contextText(r.Context))
	}
	fmt.Fprintf(w, "\n%s allowed (%d candidates, %d requests decided)\n", plural(len(r.Allowed), "caller"), r.Candidates, r.Asked)
	for _, a := range r.Allowed {
		head := a.Ref + " (" + describe(a.Kind, a.Credentials)
		if len(a.Context) > 0 {
			head += ", with " + contextText(a.Context)
		}
		fmt.Fprintf(w, "\n%s)\n", head)
		writeReasons(w, "    ", a.Decision, a.Kind == KindRoot)
		if a.Prerequisite != nil {
			fmt.Fprintf(w, "    after %s on %s\n", a.Prerequisite.Action, a.Prerequisite.Resource)
		}
		if a.Kind == KindRole {
			if len(a.WaysIn) == 0 {
				fmt.Fprintf(w, "    no way in: no principal of the model may assume it\n")
			}
			for _, way := range a.WaysIn {
				steps := make([]string, len(way))
				for i, e := range way {
					steps[i] = edgeText(e)
				}
				fmt.Fprintf(w, "    way in: %s\n", strings.Join(steps, ", then "))
				for _, e := range way {
					fmt.Fprintf(w, "            %s\n", edgeStatements(e))
				}
			}
		}
	}
	writeOutside(w, r.Outside)
}

func writeOutside(w io.Writer, out []Outside) {
	if len(out) == 0 {
		return
	}
	fmt.Fprintf(w, "\noutside the model (their own account's policies decide too):\n")
	for _, o := range out {
		fmt.Fprintf(w, "  %s (%s) by %s %s", o.Principal, o.Kind, o.Statement, o.Source)
		if len(o.Conditions) > 0 {
			fmt.Fprintf(w, " if %s", strings.Join(o.Conditions, " and "))
		}
		fmt.Fprintln(w)
	}
}

// describe says who a caller is and how it signs: "user, long-term
// keys", "role session with MFA", "service principal".
func describe(k Kind, c Credentials) string {
	switch k {
	case KindRoot:
		return "root user, " + string(c)
	case KindRole, KindFederated:
		return string(c)
	case KindService:
		return "service principal"
	case KindAnonymous:
		return "anonymous, unsigned"
	}
	return string(k) + ", " + string(c)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// maxListed bounds the actions a line lists before "and N more".
const maxListed = 6

func actionList(as []string) string {
	if len(as) <= maxListed {
		return strings.Join(as, ", ")
	}
	return strings.Join(as[:maxListed], ", ") + fmt.Sprintf(" and %d more", len(as)-maxListed)
}

// WriteText writes what the principal may do, by service.
func (r *CanResult) WriteText(w io.Writer) {
	fmt.Fprintf(w, "%s (%s)", r.Ref, r.Credentials)
	if r.Assumed != nil {
		fmt.Fprintf(w, ", assumed by %s", r.AssumedBy)
	}
	fmt.Fprintf(w, "\n%s allowed (%d classes of actions, %d requests decided)\n",
		plural(len(r.Permissions), "permission"), r.Classes, r.Asked)
	service := ""
	for _, pm := range r.Permissions {
		if pm.Service != service {
			service = pm.Service
			fmt.Fprintf(w, "\n%s\n", service)
		}
		on := pm.Resource
		if pm.Asked != pm.Resource {
			on += " (asked: " + pm.Asked + ")"
		}
		fmt.Fprintf(w, "  %s\n    on %s\n", actionList(pm.Actions), on)
		if req := requirement(pm.MFA, pm.Context); req != "" {
			fmt.Fprintf(w, "    %s\n", req)
		}
		if len(pm.Conditions) > 0 {
			fmt.Fprintf(w, "    if %s\n", strings.Join(pm.Conditions, " and "))
		}
		writeReasons(w, "    ", pm.Decision, r.Credentials == LongTermKeys && strings.HasPrefix(r.Ref, "account."))
	}
}

// WriteText writes the paths.
func WritePaths(w io.Writer, from, to string, paths []Path) {
	if len(paths) == 0 {
		fmt.Fprintf(w, "no path from %s to %s\n", from, to)
		return
	}
	fmt.Fprintf(w, "%s from %s to %s\n", plural(len(paths), "path"), from, to)
	for i, p := range paths {
		fmt.Fprintf(w, "\n%d. %s\n", i+1, plural(len(p.Steps), "step"))
		if len(p.Steps) == 0 {
			fmt.Fprintf(w, "   %s has administrator access itself\n", from)
		}
		for _, e := range p.Steps {
			fmt.Fprintf(w, "   %s\n", edgeText(e))
			for _, r := range e.Requests {
				fmt.Fprintf(w, "      %s on %s: %s\n", r.Action, r.Resource, reasonsText(r.Reasons))
			}
		}
	}
}

func reasonsText(rs []rego.Reason) string {
	if len(rs) == 0 {
		return "allowed (root user)"
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = r.Ref() + " " + r.Source
	}
	return strings.Join(parts, "; ")
}
