package rego

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/open-policy-agent/opa/v1/ast"
)

// The decision input is built here, from a caller's Go values (Decide,
// AssumeRole, GetFederationToken, Matched) or from JSON (DecideInput), under
// bounds that no input may exceed: the engine answers a caller that sends
// more with a deny that says why, instead of spending the process's stack or
// memory on it.
//
// The Go values are converted straight into OPA's terms, without reflection
// or a JSON round trip: this runs for every decision.

// The bounds of a decision input, whether given as Go values or as JSON.
const (
	// MaxInputDepth bounds the nesting of objects and arrays in an input:
	// the deepest legitimate value, a condition value of a session policy
	// under input.session.policy, is 7 levels down.
	MaxInputDepth = 32
	// MaxInputBytes bounds a JSON input; a Go value is charged about what
	// its JSON would weigh.
	MaxInputBytes = 8 << 20
	// MaxInputValues bounds the number of values (strings, numbers,
	// booleans, nulls, objects, arrays) in an input.
	MaxInputValues = 100_000
)

// InputError is why an input cannot be decided: where in the input, and
// what is wrong there.
type InputError struct {
	Path string // a JSON path below the input, such as context["aws:SourceIp"][0]; empty for the whole input
	Msg  string
}

func (e *InputError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// pathElem is one step of the path to the value being converted.
type pathElem struct {
	key   string
	index int // -1 for a key
}

// builder converts values into terms and keeps the count of what the input
// has cost so far.
type builder struct {
	values int
	bytes  int
	path   []pathElem
	// open holds the maps and slices on the path, to tell a cycle from a
	// merely deep value.
	open [MaxInputDepth + 1]unsafe.Pointer
}

func (b *builder) fail(format string, args ...any) error {
	var s strings.Builder
	for i, p := range b.path {
		switch {
		case p.index >= 0:
			fmt.Fprintf(&s, "[%d]", p.index)
		case i == 0:
			s.WriteString(p.key)
		default:
			fmt.Fprintf(&s, "[%q]", p.key)
		}
	}
	return &InputError{Path: s.String(), Msg: fmt.Sprintf(format, args...)}
}

// charge counts one value weighing n bytes.
func (b *builder) charge(n int) error {
	b.values++
	b.bytes += n
	if b.values > MaxInputValues {
		return b.fail("the input holds more than %d values", MaxInputValues)
	}
	if b.bytes > MaxInputBytes {
		return b.fail("the input is larger than %d bytes", MaxInputBytes)
	}
	return nil
}

// enter starts a composite value at depth (the input itself is depth 0).
func (b *builder) enter(depth int, ptr unsafe.Pointer) error {
	if depth > MaxInputDepth {
		return b.fail("nested more than %d levels deep", MaxInputDepth)
	}
	if ptr != nil {
		for _, p := range b.open[:depth] {
			if p == ptr {
				return b.fail("the value contains itself")
			}
		}
	}
	b.open[depth] = ptr
	return nil
}

func (b *builder) push(key string, index int) { b.path = append(b.path, pathElem{key, index}) }
func (b *builder) pop()                       { b.path = b.path[:len(b.path)-1] }

// str is a string value.
func (b *builder) str(s string) (ast.Value, error) {
	if err := b.charge(len(s) + 3); err != nil {
		return nil, err
	}
	return ast.String(s), nil
}

// value converts a Go value of the JSON kinds: nil, bool, string, the
// integer and float types, json.Number, and maps of strings to and slices of
// these. Anything else is refused.
func (b *builder) value(v any, depth int) (ast.Value, error) {
	switch x := v.(type) {
	case string:
		return b.str(x)
	case bool:
		return b.scalar(5, ast.InternedTerm(x).Value)
	case nil:
		return b.scalar(4, ast.NullValue)
	case map[string]any:
		if x == nil {
			return b.scalar(4, ast.NullValue)
		}
		if err := b.enter(depth, reflect.ValueOf(x).UnsafePointer()); err != nil {
			return nil, err
		}
		return object(b, x, depth)
	case map[string]string:
		if x == nil {
			return b.scalar(4, ast.NullValue)
		}
		if err := b.enter(depth, nil); err != nil {
			return nil, err
		}
		return object(b, x, depth)
	case []any:
		if x == nil {
			return b.scalar(4, ast.NullValue)
		}
		var ptr unsafe.Pointer
		if cap(x) > 0 {
			ptr = unsafe.Pointer(unsafe.SliceData(x))
		}
		if err := b.enter(depth, ptr); err != nil {
			return nil, err
		}
		return array(b, x, depth)
	}
	if n, ok, err := b.number(v); ok {
		return n, err
	}
	if l, ok, err := b.typedList(v, depth); ok {
		return l, err
	}
	return nil, b.fail("a %T is not a JSON value (strings, numbers, booleans, null, and maps and slices of them)", v)
}

// number converts the Go number types; ok is false for anything else.
func (b *builder) number(v any) (ast.Value, bool, error) {
	var n ast.Value
	switch x := v.(type) {
	case int:
		n = ast.InternedTerm(x).Value
	case int16:
		n = ast.InternedTerm(x).Value
	case int8:
		n = ast.InternedTerm(x).Value
	case uint16:
		n = ast.InternedTerm(x).Value
	case uint8:
		n = ast.InternedTerm(x).Value
	case int64:
		n = ast.Number(strconv.FormatInt(x, 10))
	case int32:
		n = ast.Number(strconv.FormatInt(int64(x), 10))
	case uint:
		n = ast.Number(strconv.FormatUint(uint64(x), 10))
	case uint64:
		n = ast.Number(strconv.FormatUint(x, 10))
	case uint32:
		n = ast.Number(strconv.FormatUint(uint64(x), 10))
	case float64:
		f, err := b.float(x)
		return f, true, err
	case float32:
		f, err := b.float(float64(x))
		return f, true, err
	case json.Number:
		if !validNumber(string(x)) {
			return nil, true, b.fail("%q is not a JSON number", string(x))
		}
		c, err := ast.NumberChecked(string(x))
		if err != nil {
			return nil, true, b.fail("number %s is out of range", string(x))
		}
		n = c
	default:
		return nil, false, nil
	}
	s, err := b.scalar(8, n)
	return s, true, err
}

// typedList converts the typed slices a Go caller may use; ok is false for
// anything else.
func (b *builder) typedList(v any, depth int) (ast.Value, bool, error) {
	var l ast.Value
	var err error
	switch x := v.(type) {
	case []string:
		l, err = listOf(b, x, depth)
	case []map[string]any:
		l, err = listOf(b, x, depth)
	case []int:
		l, err = listOf(b, x, depth)
	case []float64:
		l, err = listOf(b, x, depth)
	case []bool:
		l, err = listOf(b, x, depth)
	default:
		return nil, false, nil
	}
	return l, true, err
}

func (b *builder) scalar(weight int, v ast.Value) (ast.Value, error) {
	if err := b.charge(weight); err != nil {
		return nil, err
	}
	return v, nil
}

func (b *builder) float(f float64) (ast.Value, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, b.fail("%v is not a JSON number", f)
	}
	return b.scalar(8, ast.Number(strconv.FormatFloat(f, 'g', -1, 64)))
}

// object converts a map. Its terms are allocated together.
func object[V any](b *builder, x map[string]V, depth int) (ast.Value, error) {
	if err := b.charge(2); err != nil {
		return nil, err
	}
	terms := make([]ast.Term, 2*len(x))
	items := make([][2]*ast.Term, 0, len(x))
	i := 0
	for k, v := range x {
		if i == len(x) {
			break // the map grew under us
		}
		if err := b.charge(len(k) + 3); err != nil {
			return nil, err
		}
		b.push(k, -1)
		val, err := b.value(v, depth+1)
		b.pop()
		if err != nil {
			return nil, err
		}
		terms[2*i].Value, terms[2*i+1].Value = ast.String(k), val
		items = append(items, [2]*ast.Term{&terms[2*i], &terms[2*i+1]})
		i++
	}
	return ast.NewObject(items...), nil
}

// listOf converts a typed slice, which cannot contain itself.
func listOf[T any](b *builder, x []T, depth int) (ast.Value, error) {
	if x == nil {
		return b.scalar(4, ast.NullValue)
	}
	if err := b.enter(depth, nil); err != nil {
		return nil, err
	}
	return array(b, x, depth)
}

// array converts a slice. Its terms are allocated together.
func array[T any](b *builder, x []T, depth int) (ast.Value, error) {
	if err := b.charge(2); err != nil {
		return nil, err
	}
	terms := make([]ast.Term, len(x))
	ptrs := make([]*ast.Term, len(x))
	for i, v := range x {
		b.push("", i)
		val, err := b.value(v, depth+1)
		b.pop()
		if err != nil {
			return nil, err
		}
		terms[i].Value = val
		ptrs[i] = &terms[i]
	}
	return ast.NewArray(ptrs...), nil
}

// jsonNumber is a number as JSON writes it (RFC 8259, section 6).
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// validNumber reports whether s is a number as JSON writes it.
func validNumber(s string) bool { return jsonNumber.MatchString(s) }

// ---------------------------------------------------------------- Go inputs

// fields builds an object of the input field by field, leaving out the
// empty ones: an input holds a field with a value, or no field at all.
type fields struct {
	b     *builder
	depth int // of the object being built: the input is 0
	items [][2]*ast.Term
	err   error
}

func (f *fields) str(k, v string) {
	if v == "" || f.err != nil {
		return
	}
	var val ast.Value
	if val, f.err = f.b.str(v); f.err == nil {
		f.items = append(f.items, [2]*ast.Term{ast.InternedTerm(k), ast.NewTerm(val)})
	}
}

func (f *fields) boolean(k string, v bool) {
	if f.err == nil {
		f.items = append(f.items, [2]*ast.Term{ast.InternedTerm(k), ast.InternedTerm(v)})
	}
}

func (f *fields) time(k string, t time.Time) {
	if !t.IsZero() {
		f.str(k, t.UTC().Format(timeLayout))
	}
}

// requestTime adds the time of a request, unless it is zero (the clock).
func (f *fields) requestTime(t time.Time) {
	if !t.IsZero() {
		f.str("time", timeValue(t))
	}
}

// value adds a caller's Go value, unless it is nil.
func (f *fields) value(k string, v any, isNil bool) {
	if isNil || f.err != nil {
		return
	}
	f.b.push(k, -1)
	var val ast.Value
	val, f.err = f.b.value(v, f.depth+1)
	f.b.pop()
	if f.err == nil {
		f.items = append(f.items, [2]*ast.Term{ast.InternedTerm(k), ast.NewTerm(val)})
	}
}

func (f *fields) term(k string, t *ast.Term) {
	if f.err == nil {
		f.items = append(f.items, [2]*ast.Term{ast.InternedTerm(k), t})
	}
}

func (f *fields) object() (*ast.Term, error) {
	if f.err != nil {
		return nil, f.err
	}
	return ast.NewTerm(ast.NewObject(f.items...)), nil
}

// requestInput builds the input document of data.iamc.decision for a
// request: RequestInput's document, as terms.
func requestInput(req Request) (ast.Value, error) {
	b := &builder{}
	f := fields{b: b, items: make([][2]*ast.Term, 0, 5)}
	f.str("principal", req.Principal)
	f.str("action", req.Action)
	f.str("resource", req.Resource)
	f.value("context", req.Context, req.Context == nil)
	if req.Session != nil {
		f.term("session", sessionTerm(b, req.Session, &f.err))
	}
	f.requestTime(req.Time)
	t, err := f.object()
	if err != nil {
		return nil, err
	}
	return t.Value, nil
}

// sessionTerm is sessionMap's document as a term, at depth 1 of the input.
func sessionTerm(b *builder, s *Session, err *error) *ast.Term {
	if *err != nil {
		return nil
	}
	b.push("session", -1)
	defer b.pop()
	f := fields{b: b, depth: 1, items: make([][2]*ast.Term, 0, 11)}
	f.str("type", s.Type)
	f.str("role", s.Role)
	f.str("name", s.Name)
	f.str("arn", s.ARN)
	f.str("source", s.Source)
	f.boolean("mfa", s.MFA)
	f.time("issued_at", s.IssuedAt)
	f.time("expires_at", s.ExpiresAt)
	f.boolean("chained", s.Chained)
	f.value("policy", s.Policy, s.Policy == nil)
	f.value("tags", s.Tags, s.Tags == nil)
	t, e := f.object()
	*err = e
	return t
}

// assumeInput builds AssumeRoleInput's document as terms.
func assumeInput(req AssumeRoleRequest) (ast.Value, error) {
	b := &builder{}
	f := fields{b: b, items: make([][2]*ast.Term, 0, 9)}
	principal := req.Principal
	if req.Session != nil && principal == "" {
		principal = req.Session.ARN
	}
	f.str("principal", principal)
	f.str("role", req.Role)
	f.boolean("mfa", req.MFA)
	if req.Duration != 0 {
		f.value("duration_seconds", int64(req.Duration/time.Second), false)
	}
	f.str("session_name", req.SessionName)
	f.value("policy", req.Policy, req.Policy == nil)
	f.value("tags", req.Tags, req.Tags == nil)
	f.value("context", req.Context, req.Context == nil)
	if req.Session != nil {
		f.term("session", sessionTerm(b, req.Session, &f.err))
	}
	f.requestTime(req.Time)
	t, err := f.object()
	if err != nil {
		return nil, err
	}
	return t.Value, nil
}

// federationInput builds FederationInput's document as terms.
func federationInput(req FederationRequest) (ast.Value, error) {
	b := &builder{}
	f := fields{b: b, items: make([][2]*ast.Term, 0, 5)}
	f.str("principal", req.Principal)
	f.str("name", req.Name)
	if req.Duration != 0 {
		f.value("duration_seconds", int64(req.Duration/time.Second), false)
	}
	f.value("policy", req.Policy, req.Policy == nil)
	f.value("context", req.Context, req.Context == nil)
	f.requestTime(req.Time)
	t, err := f.object()
	if err != nil {
		return nil, err
	}
	return t.Value, nil
}

// ---------------------------------------------------------------- JSON inputs

// errNotJSON marks an input that is not one well-formed JSON document.
var errNotJSON = errors.New("not a JSON document")

// parseInput reads a JSON input document under the bounds of a Go input,
// and refuses what two JSON readers could read differently: an object with
// the same key twice (Go's encoding/json, and so OPA's server, keeps the
// last; other readers keep the first) and text that is not UTF-8.
func parseInput(data []byte) (ast.Value, error) {
	if len(data) > MaxInputBytes {
		return nil, &InputError{Msg: fmt.Sprintf("the input is %d bytes, more than the limit of %d", len(data), MaxInputBytes)}
	}
	if !json.Valid(data) {
		var raw json.RawMessage
		err := json.Unmarshal(data, &raw)
		if err == nil {
			err = errors.New("invalid JSON")
		}
		return nil, fmt.Errorf("%w: %v", errNotJSON, err)
	}
	if !utf8.Valid(data) {
		return nil, &InputError{Msg: "the input is not valid UTF-8"}
	}
	p := jsonParser{data: data}
	t, err := p.value(0)
	if err != nil {
		return nil, err
	}
	return t.Value, nil
}

// jsonParser reads a document that json.Valid accepted.
type jsonParser struct {
	builder
	data []byte
	pos  int
}

func (p *jsonParser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value(depth int) (*ast.Term, error) {
	p.space()
	switch c := p.data[p.pos]; c {
	case '{':
		return p.object(depth)
	case '[':
		return p.array(depth)
	case '"':
		s := p.string()
		if err := p.charge(len(s) + 3); err != nil {
			return nil, err
		}
		return ast.InternedTerm(s), nil
	case 't', 'f':
		if err := p.charge(5); err != nil {
			return nil, err
		}
		if c == 't' {
			p.pos += 4
			return ast.InternedTerm(true), nil
		}
		p.pos += 5
		return ast.InternedTerm(false), nil
	case 'n':
		if err := p.charge(4); err != nil {
			return nil, err
		}
		p.pos += 4
		return ast.InternedNullTerm, nil
	}
	start := p.pos
	for p.pos < len(p.data) && strings.IndexByte("+-.0123456789eE", p.data[p.pos]) >= 0 {
		p.pos++
	}
	text := string(p.data[start:p.pos])
	if t := ast.InternedIntNumberTermFromString(text); t != nil {
		return t, p.charge(8)
	}
	n, err := ast.NumberChecked(text)
	if err != nil {
		return nil, p.fail("number %s is out of range", text)
	}
	return ast.NewTerm(n), p.charge(8)
}

func (p *jsonParser) object(depth int) (*ast.Term, error) {
	if err := p.enter(depth, nil); err != nil {
		return nil, err
	}
	if err := p.charge(2); err != nil {
		return nil, err
	}
	p.pos++ // {
	var items [][2]*ast.Term
	var seen map[string]struct{}
	for {
		p.space()
		if p.data[p.pos] == '}' {
			p.pos++
			break
		}
		if p.data[p.pos] == ',' {
			p.pos++
			p.space()
		}
		k := p.string()
		if err := p.charge(len(k) + 3); err != nil {
			return nil, err
		}
		if dup(items, &seen, k) {
			return nil, p.fail("the key %q appears twice in one object: readers of JSON disagree on which one counts", k)
		}
		p.space()
		p.pos++ // :
		p.push(k, -1)
		v, err := p.value(depth + 1)
		p.pop()
		if err != nil {
			return nil, err
		}
		items = append(items, [2]*ast.Term{ast.StringTerm(k), v})
	}
	return ast.NewTerm(ast.NewObject(items...)), nil
}

// dup reports whether k is among the keys of items; past a few keys it
// keeps them in seen.
func dup(items [][2]*ast.Term, seen *map[string]struct{}, k string) bool {
	const linear = 16
	if len(items) < linear {
		for _, it := range items {
			if string(it[0].Value.(ast.String)) == k {
				return true
			}
		}
		return false
	}
	if *seen == nil {
		*seen = make(map[string]struct{}, 2*linear)
		for _, it := range items {
			(*seen)[string(it[0].Value.(ast.String))] = struct{}{}
		}
	}
	if _, ok := (*seen)[k]; ok {
		return true
	}
	(*seen)[k] = struct{}{}
	return false
}

func (p *jsonParser) array(depth int) (*ast.Term, error) {
	if err := p.enter(depth, nil); err != nil {
		return nil, err
	}
	if err := p.charge(2); err != nil {
		return nil, err
	}
	p.pos++ // [
	var terms []*ast.Term
	for {
		p.space()
		if p.data[p.pos] == ']' {
			p.pos++
			break
		}
		if p.data[p.pos] == ',' {
			p.pos++
		}
		p.push("", len(terms))
		v, err := p.value(depth + 1)
		p.pop()
		if err != nil {
			return nil, err
		}
		terms = append(terms, v)
	}
	return ast.NewTerm(ast.NewArray(terms...)), nil
}

// string reads a string at p.pos (its opening quote) and decodes its
// escapes as encoding/json does: a lone surrogate becomes U+FFFD.
func (p *jsonParser) string() string {
	p.pos++
	start := p.pos
	for p.data[p.pos] != '"' && p.data[p.pos] != '\\' {
		p.pos++
	}
	if p.data[p.pos] == '"' {
		s := string(p.data[start:p.pos])
		p.pos++
		return s
	}
	buf := append(make([]byte, 0, p.pos-start+16), p.data[start:p.pos]...)
	for {
		c := p.data[p.pos]
		switch c {
		case '"':
			p.pos++
			return string(buf)
		case '\\':
			p.pos++
			e := p.data[p.pos]
			p.pos++
			switch e {
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r := p.hex4()
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
						save := p.pos
						p.pos += 2
						r2 = p.hex4()
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							buf = utf8.AppendRune(buf, dec)
							continue
						}
						p.pos = save
					}
					r = utf8.RuneError
				}
				buf = utf8.AppendRune(buf, r)
			default: // " \ /
				buf = append(buf, e)
			}
		default:
			buf = append(buf, c)
			p.pos++
		}
	}
}

func (p *jsonParser) hex4() rune {
	n, _ := strconv.ParseUint(string(p.data[p.pos:p.pos+4]), 16, 32)
	p.pos += 4
	return rune(n)
}
