package importer

import (
	"fmt"
	"strings"
)

// InputError is a place in an input file that is not what the AWS command
// writes there.
type InputError struct {
	File string
	// Path is the JSON path of the value, like
	// "$.UserDetailList[2].UserName"; empty for the file as a whole.
	Path string
	// Line and Column locate the value (1-based, the column in
	// characters); 0 when the mistake has no place in the text, such as a
	// file that is missing.
	Line, Column int
	Message      string
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Column)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path + ": ")
	}
	b.WriteString(e.Message)
	return b.String()
}

// InputErrors is every mistake found in the inputs, in the order of the
// files and of their text. Import returns it (and writes nothing) when an
// input is not an export it reads.
type InputErrors []*InputError

func (e InputErrors) Error() string {
	lines := make([]string, len(e))
	for i, x := range e {
		lines[i] = x.Error()
	}
	return strings.Join(lines, "\n")
}

// maxErrors bounds the mistakes reported for the inputs: a file of the
// wrong kind would otherwise report one per entry.
const maxErrors = 50

// ConflictError is a file of the output directory that the import would
// replace but did not create: a hand-written file is never overwritten.
type ConflictError struct {
	Dir   string
	Paths []string // relative to Dir
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s already holds %s, which iamc import did not write; it never replaces a file it did not create: move %s away or import into another directory",
		e.Dir, strings.Join(e.Paths, ", "), map[bool]string{true: "it", false: "them"}[len(e.Paths) == 1])
}
