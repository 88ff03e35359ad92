package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The exports are read into a tree that keeps the byte offset of every
// value, so that a mistake is reported at its file, JSON path and
// line:column. encoding/json reports neither paths nor positions of
// missing fields, and cannot tell a value of the wrong type in a field
// that iamc does not read from one it does.

// maxDepth bounds how deeply a file nests. An export nests about a dozen
// levels (a condition's values inside a statement inside a policy document
// inside a user); the bound keeps a hostile file from exhausting the stack.
const maxDepth = 64

type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kArray
	kObject
)

func (k kind) String() string {
	return [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}[k]
}

// node is a JSON value with the offsets of its first and last bytes.
type node struct {
	kind       kind
	str        string // a string's value; a number's or boolean's text
	start, end int
	members    []member
	elems      []*node
}

type member struct {
	key    string
	keyOff int
	val    *node
}

// get returns the member named key, or nil.
func (n *node) get(key string) *node {
	for i := range n.members {
		if n.members[i].key == key {
			return n.members[i].val
		}
	}
	return nil
}

// parser is a recursive-descent JSON parser over one file.
type parser struct {
	src []byte
	pos int
	err *syntaxError
}

// syntaxError is a mistake in the JSON text itself, at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func parseTree(src []byte) (*node, *syntaxError) {
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, size := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return nil, &syntaxError{off, "the file is not UTF-8 text"}
	}
	p := &parser{src: src}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.pos = 3
	}
	p.space()
	n := p.value(0)
	if p.err != nil {
		return nil, p.err
	}
	p.space()
	if p.pos < len(src) {
		return nil, &syntaxError{p.pos, fmt.Sprintf("unexpected %s after the end of the JSON value", p.describe())}
	}
	return n, nil
}

func (p *parser) fail(off int, format string, args ...any) *node {
	if p.err == nil {
		p.err = &syntaxError{off, fmt.Sprintf(format, args...)}
	}
	return nil
}

func (p *parser) space() {
	for p.pos < len(p.src) {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// describe names what is at the current position, for a message.
func (p *parser) describe() string {
	if p.pos >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[p.pos:])
	return fmt.Sprintf("%q", r)
}

func (p *parser) value(depth int) *node {
	if depth > maxDepth {
		return p.fail(p.pos, "the JSON nests more than %d levels deep; no export does", maxDepth)
	}
	if p.pos >= len(p.src) {
		return p.fail(p.pos, "unexpected end of file; expected a JSON value")
	}
	start := p.pos
	switch c := p.src[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, ok := p.string()
		if !ok {
			return nil
		}
		return &node{kind: kString, str: s, start: start, end: p.pos}
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		for _, lit := range []struct {
			text string
			k    kind
		}{{"true", kBool}, {"false", kBool}, {"null", kNull}} {
			if strings.HasPrefix(string(p.src[p.pos:min(p.pos+5, len(p.src))]), lit.text) {
				p.pos += len(lit.text)
				return &node{kind: lit.k, str: lit.text, start: start, end: p.pos}
			}
		}
		return p.fail(p.pos, "unexpected %s; expected a JSON value", p.describe())
	}
}

func (p *parser) object(depth int) *node {
	n := &node{kind: kObject, start: p.pos}
	p.pos++
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == '}' {
		p.pos++
		n.end = p.pos
		return n
	}
	seen := map[string]bool{}
	for {
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != '"' {
			return p.fail(p.pos, "unexpected %s; expected a member name in quotes", p.describe())
		}
		keyOff := p.pos
		key, ok := p.string()
		if !ok {
			return nil
		}
		if seen[key] {
			return p.fail(keyOff, "%q is given twice in this object", key)
		}
		seen[key] = true
		p.space()
		if p.pos >= len(p.src) || p.src[p.pos] != ':' {
			return p.fail(p.pos, "unexpected %s; expected ':' after the member name", p.describe())
		}
		p.pos++
		p.space()
		v := p.value(depth + 1)
		if v == nil {
			return nil
		}
		n.members = append(n.members, member{key: key, keyOff: keyOff, val: v})
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == '}' {
			p.pos++
			n.end = p.pos
			return n
		}
		return p.fail(p.pos, "unexpected %s; expected ',' or '}'", p.describe())
	}
}

func (p *parser) array(depth int) *node {
	n := &node{kind: kArray, start: p.pos}
	p.pos++
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == ']' {
		p.pos++
		n.end = p.pos
		return n
	}
	for {
		p.space()
		v := p.value(depth + 1)
		if v == nil {
			return nil
		}
		n.elems = append(n.elems, v)
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.src) && p.src[p.pos] == ']' {
			p.pos++
			n.end = p.pos
			return n
		}
		return p.fail(p.pos, "unexpected %s; expected ',' or ']'", p.describe())
	}
}

// string reads a quoted string at the current position.
func (p *parser) string() (string, bool) {
	start := p.pos
	p.pos++
	escaped := false
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '"':
			p.pos++
			raw := p.src[start:p.pos]
			if !escaped {
				return string(raw[1 : len(raw)-1]), true
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				p.fail(start, "invalid escape sequence in this string")
				return "", false
			}
			return s, true
		case c == '\\':
			escaped = true
			p.pos += 2
		case c < 0x20:
			p.fail(p.pos, "a control character inside a string must be escaped")
			return "", false
		default:
			p.pos++
		}
	}
	p.fail(start, "this string is not closed")
	return "", false
}

// number reads a JSON number and keeps its text.
func (p *parser) number() *node {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.src[p.pos] == '-' {
		p.pos++
	}
	first := p.pos
	if n := digits(); n == 0 || (n > 1 && p.src[first] == '0') {
		return p.fail(start, "invalid number")
	}
	if p.pos < len(p.src) && p.src[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return p.fail(start, "invalid number")
		}
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return p.fail(start, "invalid number")
		}
	}
	return &node{kind: kNumber, str: string(p.src[start:p.pos]), start: start, end: p.pos}
}

// lineCol converts a byte offset of src into a 1-based line and a column
// counted in characters.
func lineCol(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	lineStart := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(src[lineStart:off])
}
