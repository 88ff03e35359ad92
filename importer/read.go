package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strings"

	"github.com/iamc/iamc/internal/jsontree"
)

// MaxInputSize bounds one input file. The authorization details of an
// account with 5,000 roles are tens of megabytes.
const MaxInputSize = 512 << 20

// The exports are read into a tree that keeps the position of every value,
// so that a mistake is reported at its file, JSON path and line:column.
// encoding/json reports neither paths nor positions of missing fields, and
// cannot tell a value of the wrong type in a field that iamc does not read
// from one it does.

// maxDepth bounds how deeply a file nests. An export nests about a dozen
// levels (a condition's values inside a statement inside a policy document
// inside a user); the bound keeps a hostile file from exhausting the stack.
const maxDepth = 64

// jsonOptions read an export, or a policy document it holds as a string.
var jsonOptions = jsontree.Options{MaxDepth: maxDepth, UTF8: true}

// syntaxMessage words a mistake in the JSON text of a file.
func syntaxMessage(e *jsontree.SyntaxError) string {
	if e.Code == jsontree.ErrDepth {
		return e.Error() + "; no export does"
	}
	return e.Error()
}

// input is one file being read, and the mistakes found in all files.
type input struct {
	name string
	src  []byte
	errs *InputErrors
}

// readInput reads and parses one file; the error is an *InputError.
func readInput(name string, errs *InputErrors) (*input, *jsontree.Node, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, &InputError{File: name, Message: fmt.Sprintf("cannot read: %v", unwrapPath(err))}
	}
	defer f.Close()
	tooLarge := &InputError{File: name, Message: fmt.Sprintf("is larger than %d MiB; split the export by entity type (aws iam get-account-authorization-details --filter User, then Role, …) and give every file", MaxInputSize>>20)}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, nil, &InputError{File: name, Message: "is a directory, not an export file"}
	} else if err == nil && st.Size() > MaxInputSize {
		return nil, nil, tooLarge
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxInputSize+1))
	if err != nil {
		return nil, nil, &InputError{File: name, Message: fmt.Sprintf("cannot read: %v", unwrapPath(err))}
	}
	if len(src) > MaxInputSize {
		return nil, nil, tooLarge
	}
	in := &input{name: name, src: src, errs: errs}
	root, serr := jsontree.Parse(src, jsonOptions)
	if serr != nil {
		return nil, nil, &InputError{File: name, Line: serr.Pos.Line, Column: serr.Pos.Column, Message: "not valid JSON: " + syntaxMessage(serr)}
	}
	return in, root, nil
}

// unwrapPath drops the file name that *os.PathError repeats.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// errorAt records a mistake at a position of the file.
func (in *input) errorAt(at jsontree.Pos, path, format string, args ...any) {
	if len(*in.errs) >= maxErrors {
		return
	}
	*in.errs = append(*in.errs, &InputError{File: in.name, Path: path, Line: at.Line, Column: at.Column, Message: fmt.Sprintf(format, args...)})
}

// val is a value being read: its node (nil when absent), its JSON path and
// the object it was looked up in, which locates a missing member.
type val struct {
	in     *input
	n      *jsontree.Node
	path   string
	parent *jsontree.Node
}

func (in *input) root(n *jsontree.Node) val { return val{in: in, n: n, path: "$"} }

var plainKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

func (v val) field(name string) val {
	p := v.path + "." + name
	if !plainKey.MatchString(name) {
		p = v.path + "[" + fmt.Sprintf("%q", name) + "]"
	}
	out := val{in: v.in, path: p, parent: v.n}
	if v.n != nil && v.n.Kind == jsontree.Object {
		out.n = v.n.Get(name)
	}
	return out
}

// present reports whether the value is there and not null.
func (v val) present() bool { return v.n != nil && v.n.Kind != jsontree.Null }

// pos is where the value is, or the object it is missing from.
func (v val) pos() jsontree.Pos {
	if v.n != nil {
		return v.n.Start
	}
	if v.parent != nil {
		return v.parent.Start
	}
	return jsontree.Pos{Line: 1, Column: 1}
}

func (v val) errorf(format string, args ...any) { v.in.errorAt(v.pos(), v.path, format, args...) }

func (v val) wrongType(want string) {
	v.errorf("is %s; expected %s", v.n.Kind.Article(), want)
}

// str reads an optional string: absent or null gives "" and false.
func (v val) str() (string, bool) {
	if !v.present() {
		return "", false
	}
	if v.n.Kind != jsontree.String {
		v.wrongType("a string")
		return "", false
	}
	return v.n.Str, true
}

// reqStr reads a string that must be there and not empty.
func (v val) reqStr() (string, bool) {
	if !v.present() {
		v.errorf("is missing; every entry has it")
		return "", false
	}
	s, ok := v.str()
	if ok && s == "" {
		v.errorf("is empty")
		return "", false
	}
	return s, ok
}

// boolean reads an optional boolean.
func (v val) boolean() bool {
	if !v.present() {
		return false
	}
	if v.n.Kind != jsontree.Bool {
		v.wrongType("true or false")
		return false
	}
	return v.n.Str == "true"
}

// list reads an optional array.
func (v val) list() []val {
	if !v.present() {
		return nil
	}
	if v.n.Kind != jsontree.Array {
		v.wrongType("an array")
		return nil
	}
	out := make([]val, len(v.n.Elems))
	for i, e := range v.n.Elems {
		out[i] = val{in: v.in, n: e, path: fmt.Sprintf("%s[%d]", v.path, i), parent: v.n}
	}
	return out
}

// objects reads an optional array of objects. A single object where the
// array belongs is read as an array of one: the AWS CLI reference's own
// example of get-account-authorization-details writes a group's
// AttachedManagedPolicies so.
func (v val) objects() []val {
	if v.present() && v.n.Kind == jsontree.Object {
		return []val{v}
	}
	var out []val
	for _, e := range v.list() {
		if e.n.Kind != jsontree.Object {
			e.wrongType("an object")
			continue
		}
		out = append(out, e)
	}
	return out
}

// object reports whether the value is an object, reporting it when it is
// present and is not.
func (v val) object() bool {
	if !v.present() {
		return false
	}
	if v.n.Kind != jsontree.Object {
		v.wrongType("an object")
		return false
	}
	return true
}

// strings reads an optional array of strings.
func (v val) strings() []string {
	var out []string
	for _, e := range v.list() {
		if s, ok := e.str(); ok {
			out = append(out, s)
		} else if !e.present() {
			e.errorf("is null; expected a string")
		}
	}
	return out
}

// document is a policy document of an export, as JSON text.
type document struct {
	text []byte // indented JSON
	file string // the export it came from
	path string // its JSON path there
	line int    // its position there
	col  int
	// encoded is set when the export held it as a URL-encoded string (the
	// raw API form) rather than a JSON object (the AWS CLI's form).
	encoded bool
}

// doc reads a policy document: a JSON object (as the AWS CLI writes it), a
// URL-encoded string (as the API returns it, RFC 3986) or a string of JSON
// text.
func (v val) doc() *document {
	if !v.present() {
		v.errorf("is missing; expected a policy document")
		return nil
	}
	d := &document{file: v.in.name, path: v.path, line: v.n.Start.Line, col: v.n.Start.Column}
	var text []byte
	switch v.n.Kind {
	case jsontree.Object:
		text = v.in.src[v.n.Start.Byte:v.n.End.Byte]
	case jsontree.String:
		s := strings.TrimSpace(v.n.Str)
		if !strings.HasPrefix(s, "{") {
			dec, err := url.PathUnescape(s)
			if err != nil {
				v.errorf("is a string that is neither JSON nor URL-encoded JSON (%v)", err)
				return nil
			}
			s, d.encoded = dec, true
		}
		inner, serr := jsontree.Parse([]byte(s), jsonOptions)
		if serr != nil {
			v.errorf("holds a policy document that is not valid JSON: line %d, column %d of the document: %s", serr.Pos.Line, serr.Pos.Column, syntaxMessage(serr))
			return nil
		}
		if inner.Kind != jsontree.Object {
			v.errorf("holds %s; a policy document is a JSON object", inner.Kind.Article())
			return nil
		}
		text = []byte(s)
	default:
		v.wrongType("a policy document (a JSON object, or a URL-encoded string)")
		return nil
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, text, "", "  "); err != nil {
		v.errorf("holds a policy document that is not valid JSON: %v", err)
		return nil
	}
	buf.WriteByte('\n')
	d.text = buf.Bytes()
	return d
}

// compactJSON is JSON text without insignificant whitespace, to compare two
// descriptions of one entity.
func compactJSON(b []byte) string {
	var buf bytes.Buffer
	if json.Compact(&buf, b) != nil {
		return string(b)
	}
	return buf.String()
}
