package analysis

import (
	"sort"
	"strings"

	"github.com/iamc/iamc/catalog"
)

// The actions a question ranges over, and their classes.
//
// The AWS catalog expands a wildcard to the real actions it matches; the
// service blocks of a project give its own services' actions; and every
// action a statement names exactly is an action too (a generated or
// custom service may have no catalog). Two actions that every action
// pattern of the statements involved matches alike (and that are not
// actions a trust policy gatekeeps) are decided alike: each class is asked
// once, through one of its actions, and the answer holds for all.

// actionsOf returns the lower-case actions that the patterns of the
// statements may match: their expansions by the AWS catalog and by the
// model's service catalogs, and every action the model names exactly.
func (m *Model) actionsOf(stmts []*Statement) []string {
	set := map[string]bool{}
	all := false
	for _, s := range stmts {
		if s.NotActions != nil {
			all = true
			continue
		}
		for _, p := range s.Actions {
			switch p.Kind {
			case '*':
				all = true
			case '=':
				set[p.Text] = true
			default:
				for _, a := range catalog.ExpandAction(p.Display()) {
					set[strings.ToLower(a)] = true
				}
				for _, a := range m.namedActions() {
					if p.MatchAction(a) {
						set[a] = true
					}
				}
			}
		}
	}
	if all {
		for _, a := range catalog.ExpandAction("*") {
			set[strings.ToLower(a)] = true
		}
		for _, a := range m.namedActions() {
			set[a] = true
		}
	}
	out := make([]string, 0, len(set))
	for a := range set {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// namedActions lists the actions the model names exactly, and those of its
// service catalogs, lower case.
func (m *Model) namedActions() []string { return m.named }

// nameActions computes namedActions, once, when the model is read: a
// Model is then only read, and safe for concurrent use.
func (m *Model) nameActions() {
	set := map[string]bool{}
	for _, s := range m.Statements {
		for _, p := range s.Actions {
			if p.Kind == '=' {
				set[p.Text] = true
			}
		}
		for _, p := range s.NotActions {
			if p.Kind == '=' {
				set[p.Text] = true
			}
		}
	}
	for _, acts := range m.Catalogs {
		for _, a := range acts {
			set[a] = true
		}
	}
	m.named = make([]string, 0, len(set))
	for a := range set {
		m.named = append(m.named, a)
	}
	sort.Strings(m.named)
}

// ActionClass is a set of actions that the statements involved cannot
// tell apart.
type ActionClass struct {
	Rep     string   // the action asked
	Actions []string // every action of the class, sorted
}

// classify splits actions into classes by which patterns of the
// statements match them. Actions a trust policy gatekeeps each stay alone.
func classify(actions []string, stmts []*Statement) []ActionClass {
	var pats []Pattern
	seen := map[string]bool{}
	for _, s := range stmts {
		for _, list := range [][]Pattern{s.Actions, s.NotActions} {
			for _, p := range list {
				if k := p.String(); !seen[k] {
					seen[k] = true
					pats = append(pats, p)
				}
			}
		}
	}
	byKey := map[string]*ActionClass{}
	var order []string
	for _, a := range actions {
		var b strings.Builder
		if trustActions[a] {
			b.WriteString("trust:" + a)
		}
		for _, p := range pats {
			if p.MatchAction(a) {
				b.WriteByte('1')
			} else {
				b.WriteByte('0')
			}
		}
		k := b.String()
		c := byKey[k]
		if c == nil {
			c = &ActionClass{Rep: a}
			byKey[k] = c
			order = append(order, k)
		}
		c.Actions = append(c.Actions, a)
	}
	out := make([]ActionClass, 0, len(order))
	for _, k := range order {
		out = append(out, *byKey[k])
	}
	return out
}

// AccessLevel is an action's access level in the AWS catalog, "" for an
// action it does not list.
func AccessLevel(a string) string {
	if act, ok := catalog.LookupAction(a); ok {
		return string(act.AccessLevel)
	}
	return ""
}

// levelMatches reports whether an action has an access level, written
// in any case, with "-" or "_" for spaces ("permissions-management").
func levelMatches(a, level string) bool {
	norm := func(s string) string {
		return strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(s))
	}
	return norm(AccessLevel(a)) == norm(level)
}
