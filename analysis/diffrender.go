package analysis

import (
	"fmt"
	"io"
	"strings"

	"github.com/iamc/iamc/rego"
)

// summary is the one-line verdict of a diff.
func (r *DiffResult) summary() string {
	detail := fmt.Sprintf("%s only in the old revision, %d only in the new, %s compared, %d requests decided on each side",
		plural(r.OnlyOld, "statement"), r.OnlyNew, plural(r.Principals, "principal"), r.Asked)
	changes := len(r.Gained) + len(r.Lost)
	if changes == 0 {
		return "no access changes (" + detail + ")"
	}
	return fmt.Sprintf("%s: %d gained, %d lost (%s)", plural(changes, "access change"), len(r.Gained), len(r.Lost), detail)
}

// decidedBy says which statements decided, or why none did.
func decidedBy(d rego.Decision) string {
	if len(d.Errors) > 0 {
		return strings.Join(d.Errors, "; ")
	}
	if len(d.Reasons) == 0 {
		if d.Allowed {
			return "the root user of the account"
		}
		return "no statement allows it"
	}
	parts := make([]string, len(d.Reasons))
	for i, r := range d.Reasons {
		parts[i] = fmt.Sprintf("%s %s (%s)", r.Effect, r.Ref(), r.Source)
	}
	return strings.Join(parts, ", ")
}

// who names the principal of a change, with its credentials when they
// matter.
func (c Change) who() string {
	switch c.Credentials {
	case LongTermKeys, RoleSession, ServiceCall, Unsigned:
		return c.Ref
	}
	return c.Ref + " (" + string(c.Credentials) + ")"
}

// on names the resource of a change: its pattern, and the resource asked
// when it stands for the pattern.
func (c Change) on() string {
	if c.Pattern != "" {
		return c.Pattern + " (asked: " + c.Resource + ")"
	}
	return c.Resource
}

// WriteText writes the changes for people.
func (r *DiffResult) WriteText(w io.Writer) {
	fmt.Fprintf(w, "%s → %s: %s\n", r.Old, r.New, r.summary())
	for _, part := range []struct {
		title string
		list  []Change
	}{{"gained", r.Gained}, {"lost", r.Lost}} {
		if len(part.list) == 0 {
			continue
		}
		fmt.Fprintf(w, "\naccess %s:\n", part.title)
		for _, c := range part.list {
			fmt.Fprintf(w, "  %s  %s\n    on %s\n", c.who(), actionList(c.Actions), c.on())
			if len(c.Context) > 0 {
				fmt.Fprintf(w, "    with %s\n", contextText(c.Context))
			}
			fmt.Fprintf(w, "    before: %s: %s\n    after:  %s: %s\n", c.Old.Decision, decidedBy(c.Old), c.New.Decision, decidedBy(c.New))
		}
	}
}

// WriteMarkdown writes the changes as a pull-request comment.
func (r *DiffResult) WriteMarkdown(w io.Writer) {
	fmt.Fprintf(w, "### iamc diff: `%s` → `%s`\n\n%s\n", r.Old, r.New, r.summary())
	for _, part := range []struct {
		title, was, is string
		list           []Change
	}{{"Access gained", "denied before by", "allowed now by", r.Gained}, {"Access lost", "allowed before by", "denied now by", r.Lost}} {
		if len(part.list) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n#### %s\n\n| principal | actions | resource | context | %s | %s |\n|---|---|---|---|---|---|\n", part.title, part.was, part.is)
		for _, c := range part.list {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", mdCode(c.who()), mdCode(actionList(c.Actions)), mdCode(c.on()),
				mdCode(contextText(c.Context)), mdText(decidedBy(c.Old)), mdText(decidedBy(c.New)))
		}
	}
}

func mdCode(s string) string {
	if s == "" {
		return ""
	}
	return "`" + strings.NewReplacer("`", "'", "|", `\|`).Replace(s) + "`"
}

func mdText(s string) string { return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s) }
