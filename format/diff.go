package format

import (
	"fmt"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Diff returns a unified diff (three lines of context) from before to after,
// with the file named as a/<name> and b/<name> (an absolute name as it
// is); "" when they are equal.
// The line diff comes from go-diff (Myers' algorithm, as OPA's fmt uses).
func Diff(name string, before, after []byte) string {
	if string(before) == string(after) {
		return ""
	}
	dmp := diffmatchpatch.New()
	a, b, lines := dmp.DiffLinesToRunes(string(before), string(after))
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(a, b, false), lines)

	// Flatten into one op per line.
	type line struct {
		op   diffmatchpatch.Operation
		text string
	}
	var all []line
	for _, d := range diffs {
		text := d.Text
		for text != "" {
			i := strings.IndexByte(text, '\n')
			l := text
			if i >= 0 {
				l, text = text[:i+1], text[i+1:]
			} else {
				text = ""
			}
			all = append(all, line{d.Type, l})
		}
	}
	const context = 3
	var out strings.Builder
	if strings.HasPrefix(name, "/") {
		fmt.Fprintf(&out, "--- %s\n+++ %s\n", name, name)
	} else {
		fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", name, name)
	}
	for i := 0; i < len(all); {
		if all[i].op == diffmatchpatch.DiffEqual {
			i++
			continue
		}
		// A hunk: from context lines before the change to context lines
		// after the last change that is within 2*context of the next.
		start := max(i-context, 0)
		end := i
		for end < len(all) {
			if all[end].op != diffmatchpatch.DiffEqual {
				end++
				continue
			}
			run := end
			for run < len(all) && all[run].op == diffmatchpatch.DiffEqual {
				run++
			}
			if run == len(all) || run-end > 2*context {
				end = min(end+context, len(all))
				break
			}
			end = run
		}
		// Line numbers of the hunk in each file.
		oldStart, newStart := 1, 1
		for _, l := range all[:start] {
			if l.op != diffmatchpatch.DiffInsert {
				oldStart++
			}
			if l.op != diffmatchpatch.DiffDelete {
				newStart++
			}
		}
		oldN, newN := 0, 0
		var body strings.Builder
		for _, l := range all[start:end] {
			prefix := " "
			switch l.op {
			case diffmatchpatch.DiffDelete:
				prefix = "-"
				oldN++
			case diffmatchpatch.DiffInsert:
				prefix = "+"
				newN++
			default:
				oldN++
				newN++
			}
			body.WriteString(prefix + l.text)
			if !strings.HasSuffix(l.text, "\n") {
				body.WriteString("\n\\ No newline at end of file\n")
			}
		}
		fmt.Fprintf(&out, "@@ -%s +%s @@\n%s", span(oldStart, oldN), span(newStart, newN), body.String())
		i = end
	}
	return out.String()
}

func span(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start-1)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
