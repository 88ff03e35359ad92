// Package jsontree reads JSON text into a tree whose every value and object
// key keeps its source position (byte offset, line and column), so that a
// mistake in a policy document or an AWS export can be reported where it
// is. encoding/json reports neither the position of a value nor that of a
// value it was not asked to decode, and silently keeps the last of two
// members with one name; this reader refuses a key given twice in one
// object and bounds how deeply the text nests, so that a hostile file
// cannot exhaust the stack.
//
// Parse stops at the first mistake and returns it as a *SyntaxError that
// says what is wrong, where, and what was found there; each caller words it
// for its users (SyntaxError.Error is one wording).
package jsontree

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Kind is the type of a JSON value.
type Kind uint8

// The kinds of JSON values.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

// String names the kind: "null", "boolean", "number", "string", "array" or
// "object".
func (k Kind) String() string {
	switch k {
	case Bool:
		return "boolean"
	case Number:
		return "number"
	case String:
		return "string"
	case Array:
		return "array"
	case Object:
		return "object"
	}
	return "null"
}

// Article names the kind with its indefinite article, for a message: "a
// string", "an object", and "null".
func (k Kind) Article() string {
	switch k {
	case Null:
		return "null"
	case Array, Object:
		return "an " + k.String()
	}
	return "a " + k.String()
}

// Pos is a position in the source: a 1-based line, a 1-based column counted
// in characters (a multi-byte UTF-8 character is one column; a byte that is
// no character's first is none), and a 0-based byte offset. Its fields are
// those of hcl.Pos, so that hcl.Pos(p) converts it.
type Pos struct {
	Line   int
	Column int
	Byte   int
}

// Node is a JSON value and the positions of its first byte and of the byte
// after its last.
type Node struct {
	Kind Kind
	// Str is a string's value, a number's text as written, or the literal
	// "true", "false" or "null".
	Str        string
	Start, End Pos
	// Members are an object's members in the order of the source; no two
	// have the same key.
	Members []Member
	// Elems are an array's elements.
	Elems []*Node
}

// Member is an object's member: its key, the positions around the key's
// quoted text, and its value.
type Member struct {
	Key              string
	KeyStart, KeyEnd Pos
	Value            *Node
}

// Get returns the value of an object's member named key, or nil when the
// node is not an object or has no such member.
func (n *Node) Get(key string) *Node {
	for i := range n.Members {
		if n.Members[i].Key == key {
			return n.Members[i].Value
		}
	}
	return nil
}

// Options set what Parse refuses beyond the JSON grammar (RFC 8259).
type Options struct {
	// MaxDepth bounds nesting: the top value is at depth 0, the values
	// inside an array or object one deeper than it, and a value deeper
	// than MaxDepth is refused with ErrDepth.
	MaxDepth int
	// UTF8 refuses text that is not UTF-8 (ErrNotUTF8) before reading it.
	// Without it, a string's invalid bytes read as U+FFFD, as
	// encoding/json reads them.
	UTF8 bool
	// Float64 reads a number as the whole run of the characters a number
	// is written with (digits, '-', '+', '.', 'e', 'E'), so that "1.5.3"
	// or "1-2" is one malformed number (ErrNumber) rather than a number
	// followed by a stray character, and refuses a number too large for a
	// 64-bit float (ErrNumberRange); one too small for it reads as zero,
	// as strconv.ParseFloat reads it.
	Float64 bool
}

// ErrorCode says what is wrong at a SyntaxError's position.
type ErrorCode uint8

// The mistakes Parse reports.
const (
	// ErrNotUTF8: the text is not UTF-8; Pos is at the first byte that is
	// not (Options.UTF8).
	ErrNotUTF8 ErrorCode = iota + 1
	// ErrDepth: a value nests deeper than Options.MaxDepth (Limit).
	ErrDepth
	// ErrValue: a value was expected; Found is what is there.
	ErrValue
	// ErrKey: a quoted object key was expected.
	ErrKey
	// ErrColon: ':' was expected after an object key.
	ErrColon
	// ErrObjectEnd: ',' or '}' was expected after an object's member.
	ErrObjectEnd
	// ErrArrayEnd: ',' or ']' was expected after an array's element.
	ErrArrayEnd
	// ErrTrailing: something follows the top value.
	ErrTrailing
	// ErrDuplicateKey: Key is given twice in one object; Pos is at the
	// second, First at the first.
	ErrDuplicateKey
	// ErrEscape: a string has an invalid escape sequence or surrogate; Pos
	// is at the string's opening quote and Err is encoding/json's account.
	ErrEscape
	// ErrControl: a string holds a control character (below U+0020); Pos
	// is at it.
	ErrControl
	// ErrUnterminated: a string is not closed; Pos is at its opening quote.
	ErrUnterminated
	// ErrNumber: a number is malformed; Pos is at its start and Text is
	// what was read of it.
	ErrNumber
	// ErrNumberRange: a number is too large for a 64-bit float
	// (Options.Float64); Text is the number.
	ErrNumberRange
)

// EOF is SyntaxError.Found at the end of the text.
const EOF rune = -1

// SyntaxError is the first mistake in a JSON text.
type SyntaxError struct {
	Code ErrorCode
	Pos  Pos
	// Found is the character at Pos (utf8.RuneError for a byte that
	// starts none), or EOF, for ErrValue, ErrKey, ErrColon, ErrObjectEnd,
	// ErrArrayEnd and ErrTrailing.
	Found rune
	Key   string // ErrDuplicateKey
	First Pos    // ErrDuplicateKey: the position of the first key
	Text  string // ErrNumber, ErrNumberRange
	Err   error  // ErrEscape
	Limit int    // ErrDepth: Options.MaxDepth
}

// FoundText names Found for a message: "end of file", or the character
// quoted as Go quotes a rune ('}').
func (e *SyntaxError) FoundText() string {
	if e.Found == EOF {
		return "end of file"
	}
	return fmt.Sprintf("%q", e.Found)
}

// foundMessages word the mistakes that name what was found where
// something else was expected.
var foundMessages = map[ErrorCode]string{
	ErrValue:     "unexpected %s; expected a JSON value",
	ErrKey:       "unexpected %s; expected a member name in quotes",
	ErrColon:     "unexpected %s; expected ':' after the member name",
	ErrObjectEnd: "unexpected %s; expected ',' or '}'",
	ErrArrayEnd:  "unexpected %s; expected ',' or ']'",
	ErrTrailing:  "unexpected %s after the end of the JSON value",
}

// Error words the mistake, without its position.
func (e *SyntaxError) Error() string {
	if format, ok := foundMessages[e.Code]; ok {
		return fmt.Sprintf(format, e.FoundText())
	}
	switch e.Code {
	case ErrNotUTF8:
		return "the file is not UTF-8 text"
	case ErrDepth:
		return fmt.Sprintf("the JSON nests more than %d levels deep", e.Limit)
	case ErrDuplicateKey:
		return fmt.Sprintf("%q is given twice in this object", e.Key)
	case ErrEscape:
		return "invalid escape sequence in this string"
	case ErrControl:
		return "a control character inside a string must be escaped"
	case ErrUnterminated:
		return "this string is not closed"
	case ErrNumber:
		return "invalid number"
	case ErrNumberRange:
		return fmt.Sprintf("%s cannot be represented as a 64-bit floating-point number", e.Text)
	}
	return "invalid JSON"
}

// Parse reads src, one JSON value with white space around it and
// optionally a UTF-8 byte order mark before it, into a tree. On a mistake
// it returns nil and the first mistake.
func Parse(src []byte, opt Options) (*Node, *SyntaxError) {
	p := &parser{src: src, opt: opt, line: 1, col: 1}
	if opt.UTF8 && !utf8.Valid(src) {
		off := 0
		for {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		p.skipTo(off)
		return nil, p.fail(ErrNotUTF8, p.here())
	}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.pos, p.col = 3, 2 // the mark is one character
	}
	p.space()
	n := p.value(0)
	if p.err != nil {
		return nil, p.err
	}
	p.space()
	if p.pos < len(src) {
		return nil, p.unexpected(ErrTrailing)
	}
	return n, nil
}

// parser reads one text. line and col are those of pos; each step that
// moves pos moves them too.
type parser struct {
	src       []byte
	opt       Options
	pos       int
	line, col int
	err       *SyntaxError
	// nodes is where new nodes are taken from, a block at a time.
	nodes []Node
	// members and elems hold the members and elements of the objects and
	// arrays being read, innermost last; each gets a slice of its own,
	// of the right length, when it ends.
	members []Member
	elems   []*Node
	// keys holds one copy of each object key read: exports and policies
	// repeat a few keys many times.
	keys map[string]string
}

// node returns a new node.
func (p *parser) node(k Kind, start Pos) *Node {
	if len(p.nodes) == cap(p.nodes) {
		p.nodes = make([]Node, 0, min(max(2*cap(p.nodes), 16), 1024))
	}
	p.nodes = p.nodes[:len(p.nodes)+1]
	n := &p.nodes[len(p.nodes)-1]
	n.Kind, n.Start = k, start
	return n
}

func (p *parser) here() Pos { return Pos{Line: p.line, Column: p.col, Byte: p.pos} }

// fail records a mistake; the parser stops at it.
func (p *parser) fail(code ErrorCode, at Pos) *SyntaxError {
	p.err = &SyntaxError{Code: code, Pos: at, Found: EOF}
	return p.err
}

// unexpected records a mistake at the current position, naming what is
// there.
func (p *parser) unexpected(code ErrorCode) *SyntaxError {
	e := p.fail(code, p.here())
	if p.pos < len(p.src) {
		e.Found, _ = utf8.DecodeRune(p.src[p.pos:])
	}
	return e
}

// columns counts the characters of b: the bytes that are not UTF-8
// continuation bytes.
func columns(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// skipTo moves to the offset off, at or after pos, counting the lines and
// columns between.
func (p *parser) skipTo(off int) {
	for p.pos < off {
		if p.src[p.pos] == '\n' {
			p.line++
			p.col = 1
		} else if p.src[p.pos]&0xC0 != 0x80 {
			p.col++
		}
		p.pos++
	}
}

func (p *parser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\r':
			p.col++
		case '\n':
			p.line++
			p.col = 1
		default:
			return
		}
		p.pos++
	}
}

func (p *parser) peek() byte {
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

// step moves over one ASCII byte.
func (p *parser) step() {
	p.pos++
	p.col++
}

func (p *parser) value(depth int) *Node {
	if depth > p.opt.MaxDepth {
		p.fail(ErrDepth, p.here()).Limit = p.opt.MaxDepth
		return nil
	}
	switch c := p.peek(); {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		start := p.here()
		s, ok := p.string(false)
		if !ok {
			return nil
		}
		n := p.node(String, start)
		n.Str, n.End = s, p.here()
		return n
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range [...]struct {
			text string
			kind Kind
		}{{"true", Bool}, {"false", Bool}, {"null", Null}} {
			if len(p.src)-p.pos >= len(lit.text) && string(p.src[p.pos:p.pos+len(lit.text)]) == lit.text {
				start := p.here()
				p.pos += len(lit.text)
				p.col += len(lit.text)
				n := p.node(lit.kind, start)
				n.Str, n.End = lit.text, p.here()
				return n
			}
		}
	}
	p.unexpected(ErrValue)
	return nil
}

// smallObject is how many members an object may have before the keys seen
// are kept in a map rather than compared one by one.
const smallObject = 16

// open reads the bracket that opens an object or array, and its closing
// bracket at once when it is empty.
func (p *parser) open(k Kind, closing byte) (n *Node, empty bool) {
	n = p.node(k, p.here())
	p.step()
	p.space()
	if p.peek() == closing {
		p.step()
		n.End = p.here()
		return n, true
	}
	return n, false
}

// next reads what follows a member or an element: ',' (more is true), the
// closing bracket (more is false), or else a mistake (ok is false).
func (p *parser) next(closing byte, code ErrorCode) (more, ok bool) {
	p.space()
	switch p.peek() {
	case ',':
		p.step()
		return true, true
	case closing:
		p.step()
		return false, true
	}
	p.unexpected(code)
	return false, false
}

func (p *parser) object(depth int) *Node {
	n, empty := p.open(Object, '}')
	if empty {
		return n
	}
	base := len(p.members)
	var seen map[string]int // key → index in p.members[base:], once it is large
	for more := true; more; {
		p.space()
		if p.peek() != '"' {
			p.unexpected(ErrKey)
			return nil
		}
		kstart := p.here()
		key, ok := p.string(true)
		if !ok {
			return nil
		}
		if first := find(p.members[base:], seen, key); first >= 0 {
			e := p.fail(ErrDuplicateKey, kstart)
			e.Key, e.First = key, p.members[base+first].KeyStart
			return nil
		}
		kend := p.here()
		p.space()
		if p.peek() != ':' {
			p.unexpected(ErrColon)
			return nil
		}
		p.step()
		p.space()
		v := p.value(depth + 1)
		if v == nil {
			return nil
		}
		p.members = append(p.members, Member{Key: key, KeyStart: kstart, KeyEnd: kend, Value: v})
		switch count := len(p.members) - base; {
		case seen != nil:
			seen[key] = count - 1
		case count == smallObject:
			seen = make(map[string]int, 2*smallObject)
			for i, m := range p.members[base:] {
				seen[m.Key] = i
			}
		}
		if more, ok = p.next('}', ErrObjectEnd); !ok {
			return nil
		}
	}
	n.End = p.here()
	n.Members = append([]Member(nil), p.members[base:]...)
	clear(p.members[base:]) // let go of the nodes
	p.members = p.members[:base]
	return n
}

// find returns the index of the member named key, or -1.
func find(ms []Member, seen map[string]int, key string) int {
	if seen != nil {
		if i, ok := seen[key]; ok {
			return i
		}
		return -1
	}
	for i := range ms {
		if ms[i].Key == key {
			return i
		}
	}
	return -1
}

func (p *parser) array(depth int) *Node {
	n, empty := p.open(Array, ']')
	if empty {
		return n
	}
	base := len(p.elems)
	for more := true; more; {
		p.space()
		v := p.value(depth + 1)
		if v == nil {
			return nil
		}
		p.elems = append(p.elems, v)
		var ok bool
		if more, ok = p.next(']', ErrArrayEnd); !ok {
			return nil
		}
	}
	n.End = p.here()
	n.Elems = append([]*Node(nil), p.elems[base:]...)
	clear(p.elems[base:])
	p.elems = p.elems[:base]
	return n
}

// string reads the quoted string at pos. A string without escapes of
// valid UTF-8 is its bytes; any other is read by encoding/json, which
// decodes the escapes, refuses invalid ones and replaces invalid UTF-8.
// An object key (key) is kept once, however often it is read.
func (p *parser) string(key bool) (string, bool) {
	start := p.here()
	escaped, wide := false, false
	i := p.pos + 1
	for i < len(p.src) {
		switch c := p.src[i]; {
		case c == '"':
			raw := p.src[p.pos : i+1]
			body := raw[1 : len(raw)-1]
			var s string
			switch {
			case escaped || (wide && !utf8.Valid(body)):
				var err error
				if s, err = unquote(raw); err != nil {
					p.fail(ErrEscape, start).Err = err
					return "", false
				}
			case !key:
				s = string(body)
			default:
				var seen bool
				if s, seen = p.keys[string(body)]; !seen {
					if p.keys == nil {
						p.keys = map[string]string{}
					}
					s = string(body)
					p.keys[s] = s
				}
			}
			// Without escapes, the columns are the characters; an escape
			// that decoded is ASCII, and a string of invalid UTF-8 is
			// counted byte by byte.
			if wide {
				p.col += 2 + columns(body)
			} else {
				p.col += len(raw)
			}
			p.pos = i + 1
			return s, true
		case c == '\\':
			escaped = true
			i += 2
			continue
		case c < 0x20:
			p.skipTo(i)
			p.fail(ErrControl, p.here())
			return "", false
		case c >= 0x80:
			wide = true
		}
		i++
	}
	p.fail(ErrUnterminated, start)
	return "", false
}

// unquote decodes a quoted string with encoding/json.
func unquote(raw []byte) (string, error) {
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

// number reads the number at pos and keeps its text.
func (p *parser) number() *Node {
	start := p.here()
	end, ok := numberEnd(p.src, p.pos)
	if p.opt.Float64 {
		run := p.pos
		for run < len(p.src) && isNumberByte(p.src[run]) {
			run++
		}
		ok = ok && end == run
		end = run
	}
	text := string(p.src[p.pos:end])
	if !ok {
		p.fail(ErrNumber, start).Text = text
		return nil
	}
	if p.opt.Float64 {
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			p.fail(ErrNumberRange, start).Text = text
			return nil
		}
	}
	p.col += end - p.pos
	p.pos = end
	n := p.node(Number, start)
	n.Str, n.End = text, p.here()
	return n
}

func isNumberByte(c byte) bool {
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// numberEnd reads the longest JSON number at src[i:] by its grammar,
//
//	-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
//
// and returns the offset after it, or false when what starts there is no
// number: a sign or point without digits, or a leading zero followed by a
// digit.
func numberEnd(src []byte, i int) (int, bool) {
	digits := func() int {
		n := 0
		for i < len(src) && src[i] >= '0' && src[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(src) && src[i] == '-' {
		i++
	}
	first := i
	if n := digits(); n == 0 || (n > 1 && src[first] == '0') {
		return i, false
	}
	if i < len(src) && src[i] == '.' {
		i++
		if digits() == 0 {
			return i, false
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if digits() == 0 {
			return i, false
		}
	}
	return i, true
}
