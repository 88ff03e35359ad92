// Package output selects an output format by name. It is the one shape of
// iamc's output formats (check's findings, the test report): a package
// lists its formats in a Table, the default first, and exports Names and
// Get(name, opts); each format writes to an io.Writer its caller injects.
package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Format is one named output format: New makes its writer from the options.
type Format[W, O any] struct {
	Name string
	New  func(O) W
}

// Table lists the formats of one kind of output, the default first.
type Table[W, O any] []Format[W, O]

// Names returns the names of the formats, the default first.
func (t Table[W, O]) Names() []string {
	out := make([]string, len(t))
	for i, f := range t {
		out[i] = f.Name
	}
	return out
}

// Get returns the writer of the format called name, made with opts; ""
// names the default. An unknown name is an error that lists the known ones.
func (t Table[W, O]) Get(name string, opts O) (W, error) {
	for i, f := range t {
		if f.Name == name || (name == "" && i == 0) {
			return f.New(opts), nil
		}
	}
	var zero W
	return zero, fmt.Errorf("unknown format %q: use %s", name, strings.Join(t.Names(), ", "))
}

// WriteJSON writes v as iamc writes every JSON document for people and
// programs: indented by two spaces, without HTML escaping, one trailing
// newline.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
