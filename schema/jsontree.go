package schema

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
)

// maxJSONDepth bounds the nesting of a JSON policy document. Real policies
// nest four levels deep (Statement, Condition, operator, key).
const maxJSONDepth = 32

type jsonKind int

const (
	jsonObject jsonKind = iota
	jsonArray
	jsonString
	jsonNumber
	jsonBool
	jsonNull
)

func (k jsonKind) String() string {
	switch k {
	case jsonObject:
		return "object"
	case jsonArray:
		return "array"
	case jsonString:
		return "string"
	case jsonNumber:
		return "number"
	case jsonBool:
		return "boolean"
	}
	return "null"
}

// jsonNode is a JSON value with its source range. Object members keep their
// order and the range of their key.
type jsonNode struct {
	Kind    jsonKind
	Str     string // string value, number text, "true"/"false"
	Members []jsonMember
	Elems   []*jsonNode
	Range   hcl.Range
}

type jsonMember struct {
	Key      string
	KeyRange hcl.Range
	Value    *jsonNode
}

// jsonParser is a small recursive-descent JSON parser that records positions,
// so that mistakes in a policy document can be reported at their line and
// column, and rejects duplicate object keys.
type jsonParser struct {
	file string
	src  []byte
	pos  hcl.Pos
	err  *hcl.Diagnostic
}

func parseJSONTree(file string, src []byte) (*jsonNode, *hcl.Diagnostic) {
	p := &jsonParser{file: file, src: src, pos: hcl.Pos{Line: 1, Column: 1}}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		p.advance(3)
	}
	p.skipSpace()
	n := p.value(0)
	if p.err != nil {
		return nil, p.err
	}
	p.skipSpace()
	if p.pos.Byte < len(p.src) {
		p.fail(CodeSyntaxError, p.pos, "Invalid JSON", "unexpected %s after the end of the document", p.describe())
		return nil, p.err
	}
	return n, nil
}

func (p *jsonParser) rng(start hcl.Pos) hcl.Range {
	return hcl.Range{Filename: p.file, Start: start, End: p.pos}
}

func (p *jsonParser) fail(code Code, at hcl.Pos, summary, format string, args ...any) {
	if p.err != nil {
		return
	}
	end := at
	end.Column++
	end.Byte++
	p.err = Errorf(code, &hcl.Range{Filename: p.file, Start: at, End: end}, summary, format, args...)
}

func (p *jsonParser) describe() string {
	if p.pos.Byte >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[p.pos.Byte:])
	return fmt.Sprintf("character %q", r)
}

func (p *jsonParser) advance(n int) {
	for i := 0; i < n && p.pos.Byte < len(p.src); i++ {
		if p.src[p.pos.Byte] == '\n' {
			p.pos.Line++
			p.pos.Column = 1
		} else if p.src[p.pos.Byte]&0xC0 != 0x80 { // count runes, not bytes
			p.pos.Column++
		}
		p.pos.Byte++
	}
}

func (p *jsonParser) skipSpace() {
	for p.pos.Byte < len(p.src) {
		switch p.src[p.pos.Byte] {
		case ' ', '\t', '\n', '\r':
			p.advance(1)
		default:
			return
		}
	}
}

func (p *jsonParser) peek() byte {
	if p.pos.Byte < len(p.src) {
		return p.src[p.pos.Byte]
	}
	return 0
}

func (p *jsonParser) value(depth int) *jsonNode {
	if depth > maxJSONDepth {
		p.fail(CodeProjectLimit, p.pos, "JSON document too deep", "the document nests more than %d levels", maxJSONDepth)
		return nil
	}
	start := p.pos
	switch c := p.peek(); {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, ok := p.string()
		if !ok {
			return nil
		}
		return &jsonNode{Kind: jsonString, Str: s, Range: p.rng(start)}
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []string{"true", "false", "null"} {
			if len(p.src)-p.pos.Byte >= len(lit) && string(p.src[p.pos.Byte:p.pos.Byte+len(lit)]) == lit {
				p.advance(len(lit))
				if lit == "null" {
					return &jsonNode{Kind: jsonNull, Range: p.rng(start)}
				}
				return &jsonNode{Kind: jsonBool, Str: lit, Range: p.rng(start)}
			}
		}
	}
	p.fail(CodeSyntaxError, start, "Invalid JSON", "expected a value, found %s", p.describe())
	return nil
}

func (p *jsonParser) object(depth int) *jsonNode {
	start := p.pos
	p.advance(1)
	n := &jsonNode{Kind: jsonObject, Members: []jsonMember{}}
	seen := map[string]hcl.Range{}
	p.skipSpace()
	if p.peek() == '}' {
		p.advance(1)
		n.Range = p.rng(start)
		return n
	}
	for {
		p.skipSpace()
		if p.peek() != '"' {
			p.fail(CodeSyntaxError, p.pos, "Invalid JSON", "expected a quoted object key, found %s", p.describe())
			return nil
		}
		kstart := p.pos
		key, ok := p.string()
		if !ok {
			return nil
		}
		krange := p.rng(kstart)
		// The grammar: "Individual elements must not contain multiple
		// instances of the same key"; IAM "does not allow such errors in new
		// or edited policies" (Troubleshoot IAM policies).
		if first, dup := seen[key]; dup {
			p.fail(CodeSyntaxError, kstart, "Duplicate JSON key", "the key %q appears twice in this object; the first is at line %d", key, first.Start.Line)
			return nil
		}
		seen[key] = krange
		p.skipSpace()
		if p.peek() != ':' {
			p.fail(CodeSyntaxError, p.pos, "Invalid JSON", "expected ':' after the object key, found %s", p.describe())
			return nil
		}
		p.advance(1)
		p.skipSpace()
		v := p.value(depth + 1)
		if v == nil {
			return nil
		}
		n.Members = append(n.Members, jsonMember{Key: key, KeyRange: krange, Value: v})
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.advance(1)
		case '}':
			p.advance(1)
			n.Range = p.rng(start)
			return n
		default:
			p.fail(CodeSyntaxError, p.pos, "Invalid JSON", "expected ',' or '}' in object, found %s", p.describe())
			return nil
		}
	}
}

func (p *jsonParser) array(depth int) *jsonNode {
	start := p.pos
	p.advance(1)
	n := &jsonNode{Kind: jsonArray, Elems: []*jsonNode{}}
	p.skipSpace()
	if p.peek() == ']' {
		p.advance(1)
		n.Range = p.rng(start)
		return n
	}
	for {
		p.skipSpace()
		v := p.value(depth + 1)
		if v == nil {
			return nil
		}
		n.Elems = append(n.Elems, v)
		p.skipSpace()
		switch p.peek() {
		case ',':
			p.advance(1)
		case ']':
			p.advance(1)
			n.Range = p.rng(start)
			return n
		default:
			p.fail(CodeSyntaxError, p.pos, "Invalid JSON", "expected ',' or ']' in array, found %s", p.describe())
			return nil
		}
	}
}

func (p *jsonParser) string() (string, bool) {
	start := p.pos
	i := p.pos.Byte + 1
	for i < len(p.src) {
		switch c := p.src[i]; {
		case c == '\\':
			i += 2
			continue
		case c == '"':
			raw := p.src[p.pos.Byte : i+1]
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				p.fail(CodeSyntaxError, start, "Invalid JSON string", "%s", err)
				return "", false
			}
			p.advance(i + 1 - p.pos.Byte)
			return s, true
		case c < 0x20:
			p.advance(i - p.pos.Byte)
			p.fail(CodeSyntaxError, p.pos, "Invalid JSON string", "control character in string; escape it")
			return "", false
		}
		i++
	}
	p.fail(CodeSyntaxError, start, "Invalid JSON string", "the string is not terminated")
	return "", false
}

func (p *jsonParser) number() *jsonNode {
	start := p.pos
	i := p.pos.Byte
	for i < len(p.src) {
		c := p.src[i]
		if (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' {
			i++
			continue
		}
		break
	}
	text := string(p.src[p.pos.Byte:i])
	if !json.Valid([]byte(text)) {
		p.fail(CodeSyntaxError, start, "Invalid JSON number", "%q is not a number", text)
		return nil
	}
	if _, err := strconv.ParseFloat(text, 64); err != nil {
		// Out of the range of a 64-bit float (too large, or too small to
		// be told from zero): no evaluator compares it as written.
		p.fail(CodeInvalidConditionDataType, start, "Number out of range", "%s cannot be represented as a 64-bit floating-point number (about ±1.8e308, down to 2.2e-308)", shorten(text))
		return nil
	}
	p.advance(i - p.pos.Byte)
	return &jsonNode{Kind: jsonNumber, Str: text, Range: p.rng(start)}
}

// shorten cuts a long text for a message.
func shorten(s string) string {
	if len(s) > 40 {
		return s[:37] + "..."
	}
	return s
}
