package schema

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// DiagWriter renders diagnostics as
//
//	file:line:col: error: summary: detail
//	   14 |   actions = ["register:Sel"]
//	      |              ^^^^^^^^^^^^^^
//
// Sources maps file names, as they appear in the ranges, to their bytes.
// Prefix is joined before each file name (usually the project directory, so
// that the names are valid from the working directory).
type DiagWriter struct {
	Sources map[string][]byte
	Prefix  string
}

// Write writes every diagnostic, sorted by file and position.
func (w DiagWriter) Write(out io.Writer, diags hcl.Diagnostics) error {
	sorted := SortDiagnostics(diags)
	for _, d := range sorted {
		if _, err := io.WriteString(out, w.Format(d)); err != nil {
			return err
		}
	}
	return nil
}

// SortDiagnostics returns the diagnostics ordered by file, line and column;
// diagnostics without a subject come last, in their original order.
func SortDiagnostics(diags hcl.Diagnostics) hcl.Diagnostics {
	out := append(hcl.Diagnostics(nil), diags...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Subject, out[j].Subject
		switch {
		case a == nil || b == nil:
			return a != nil && b == nil
		case a.Filename != b.Filename:
			return a.Filename < b.Filename
		case a.Start.Line != b.Start.Line:
			return a.Start.Line < b.Start.Line
		}
		return a.Start.Column < b.Start.Column
	})
	return out
}

// Format renders one diagnostic, ending with a newline.
func (w DiagWriter) Format(d *hcl.Diagnostic) string {
	var b strings.Builder
	sev := "error"
	if d.Severity == hcl.DiagWarning {
		sev = "warning"
	}
	msg := d.Summary
	if d.Detail != "" {
		msg += ": " + d.Detail
	}
	if d.Subject == nil {
		fmt.Fprintf(&b, "%s: %s\n", sev, msg)
		return b.String()
	}
	s := d.Subject
	name := s.Filename
	if w.Prefix != "" && !filepath.IsAbs(name) {
		name = filepath.Join(w.Prefix, name)
	}
	fmt.Fprintf(&b, "%s:%d:%d: %s: %s\n", name, s.Start.Line, s.Start.Column, sev, msg)
	b.WriteString(w.Excerpt(s))
	return b.String()
}

// Excerpt renders the source line of a range with a caret line under the
// range, each ending with a newline; "" when the source is unknown.
func (w DiagWriter) Excerpt(s *hcl.Range) string {
	line, ok := sourceLine(w.Sources[s.Filename], s.Start.Line)
	if !ok {
		return ""
	}
	var b strings.Builder
	width := 1
	if s.End.Line == s.Start.Line && s.End.Column > s.Start.Column {
		width = s.End.Column - s.Start.Column
	}
	// Expand tabs so that the caret lines up.
	var prefix strings.Builder
	col := 1
	for _, r := range line {
		if col >= s.Start.Column {
			break
		}
		if r == '\t' {
			prefix.WriteByte('\t')
		} else {
			prefix.WriteByte(' ')
		}
		col++
	}
	gutter := fmt.Sprintf("%5d | ", s.Start.Line)
	fmt.Fprintf(&b, "%s%s\n", gutter, line)
	fmt.Fprintf(&b, "%s| %s%s\n", strings.Repeat(" ", len(gutter)-2), prefix.String(), strings.Repeat("^", width))
	return b.String()
}

func sourceLine(src []byte, n int) (string, bool) {
	if src == nil || n < 1 {
		return "", false
	}
	lines := strings.Split(string(src), "\n")
	if n > len(lines) {
		return "", false
	}
	return strings.TrimRight(lines[n-1], "\r"), true
}
