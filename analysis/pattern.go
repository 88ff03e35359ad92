package analysis

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// Pattern is a lowered action, resource or condition pattern (the forms
// of rego/core/match.rego): '*' anything, '=' the text itself, '^' a
// prefix, '~' a glob without separators (actions, StringLike), ':' an ARN
// glob (* and ? stay within one of the first five segments), 'v' a
// template with policy variables.
type Pattern struct {
	Kind byte
	// Text is the literal text ('=') or prefix ('^'); the raw lowered glob
	// ('~', ':'); the JSON of the parts ('v').
	Text string
	toks []tok // the glob, parsed ('~', ':', and the literal parts of 'v')
	// Mode and Parts are a template's ('v').
	Mode  string
	Parts []TemplatePart
}

// TemplatePart is literal text (in the syntax of the template's mode) or
// a policy variable with an optional default.
type TemplatePart struct {
	Text       string
	Key        string // lower case; "" for literal text
	Default    string
	HasDefault bool
}

// tok is one element of a glob.
type tok struct {
	kind byte // 'l' literal r, '*' a run (within a segment for ARN globs), 'S' any run, '?' one character (not ':' for ARN globs), 'O' any one character
	r    rune
}

// String identifies the pattern: its kind and lowered text.
func (p Pattern) String() string { return string(p.Kind) + p.Text }

// patternOf reads a lowered pattern: a bare string (exact) or an array.
func patternOf(raw json.RawMessage, _ bool) (Pattern, error) {
	if n := len(raw); n >= 2 && raw[0] == '"' && raw[n-1] == '"' && !bytes.ContainsAny(raw[1:n-1], `"\\`) {
		return Pattern{Kind: '=', Text: string(raw[1 : n-1])}, nil // a string without escapes
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return Pattern{Kind: '=', Text: s}, nil
	}
	var arr []json.RawMessage
	if err := json.Unmarshal(raw, &arr); err != nil || len(arr) == 0 {
		return Pattern{}, fmt.Errorf("pattern %s", raw)
	}
	var kind string
	if err := json.Unmarshal(arr[0], &kind); err != nil {
		return Pattern{}, fmt.Errorf("pattern %s", raw)
	}
	str := func(i int) string {
		var v string
		if i < len(arr) {
			_ = json.Unmarshal(arr[i], &v)
		}
		return v
	}
	switch kind {
	case "*":
		return Pattern{Kind: '*'}, nil
	case "=":
		return Pattern{Kind: '=', Text: str(1)}, nil
	case "^":
		return Pattern{Kind: '^', Text: str(1)}, nil
	case "~":
		return globPattern(str(1), false), nil
	case ":":
		return globPattern(str(1), true), nil
	case "v":
		return templateOf(arr)
	}
	return Pattern{}, fmt.Errorf("pattern of kind %q", kind)
}

func templateOf(arr []json.RawMessage) (Pattern, error) {
	if len(arr) != 3 {
		return Pattern{}, fmt.Errorf("template of %d elements", len(arr))
	}
	p := Pattern{Kind: 'v', Text: string(arr[2])}
	if err := json.Unmarshal(arr[1], &p.Mode); err != nil {
		return Pattern{}, err
	}
	var parts []json.RawMessage
	if err := json.Unmarshal(arr[2], &parts); err != nil {
		return Pattern{}, err
	}
	for _, raw := range parts {
		var lit string
		if json.Unmarshal(raw, &lit) == nil {
			p.Parts = append(p.Parts, TemplatePart{Text: lit})
			continue
		}
		var v struct {
			K string  `json:"k"`
			D *string `json:"d"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			return Pattern{}, err
		}
		tp := TemplatePart{Key: v.K}
		if v.D != nil {
			tp.Default, tp.HasDefault = *v.D, true
		}
		p.Parts = append(p.Parts, tp)
	}
	return p, nil
}

// globPattern parses a lowered glob (compiler/lower.go globOf): quoted
// metacharacters, * and ?, and in ARN globs ** and {?,:} for the resource
// part.
func globPattern(g string, arn bool) Pattern {
	k := byte('~')
	if arn {
		k = ':'
	}
	return Pattern{Kind: k, Text: g, toks: parseGlob(g, arn)}
}

func parseGlob(g string, arn bool) []tok {
	var out []tok
	rs := []rune(g)
	for i := 0; i < len(rs); i++ {
		switch {
		case rs[i] == '\\' && i+1 < len(rs):
			i++
			out = append(out, tok{kind: 'l', r: rs[i]})
		case arn && rs[i] == '*' && i+1 < len(rs) && rs[i+1] == '*':
			i++
			out = append(out, tok{kind: 'S'})
		case rs[i] == '*':
			if arn {
				out = append(out, tok{kind: '*'})
			} else {
				out = append(out, tok{kind: 'S'})
			}
		case arn && strings.HasPrefix(string(rs[i:]), "{?,:}"):
			i += 4
			out = append(out, tok{kind: 'O'})
		case rs[i] == '?':
			if arn {
				out = append(out, tok{kind: '?'})
			} else {
				out = append(out, tok{kind: 'O'})
			}
		default:
			out = append(out, tok{kind: 'l', r: rs[i]})
		}
	}
	return out
}

// matchToks reports whether s matches the glob.
func matchToks(ts []tok, s string) bool {
	rs := []rune(s)
	if isASCII(s) {
		rs = nil
	}
	n := len(s)
	if rs != nil {
		n = len(rs)
	}
	at := func(j int) rune {
		if rs != nil {
			return rs[j]
		}
		return rune(s[j])
	}
	// cur[j]: the tokens so far match the first j characters.
	var buf [2][257]bool
	cur, next := buf[0][:], buf[1][:]
	if n+1 > len(cur) {
		cur, next = make([]bool, n+1), make([]bool, n+1)
	}
	cur, next = cur[:n+1], next[:n+1]
	cur[0] = true
	for _, t := range ts {
		clear(next)
		switch t.kind {
		case '*', 'S':
			run := false
			for j := 0; j <= n; j++ {
				if cur[j] {
					run = true
				}
				next[j] = run
				if j < n && t.kind == '*' && at(j) == ':' {
					run = false
				}
			}
		default:
			for j := 0; j < n; j++ {
				if !cur[j] {
					continue
				}
				c := at(j)
				switch {
				case t.kind == 'l' && c == t.r, t.kind == 'O', t.kind == '?' && c != ':':
					next[j+1] = true
				}
			}
		}
		cur, next = next, cur
	}
	return cur[n]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// MatchAction reports whether a lower-case action matches the pattern.
func (p Pattern) MatchAction(a string) bool {
	switch p.Kind {
	case '*':
		return true
	case '=':
		return p.Text == a
	case '^':
		return strings.HasPrefix(a, p.Text)
	case '~', ':':
		return matchToks(p.toks, a)
	}
	return false
}

// tri is a three-valued answer: no, maybe (it depends on the request
// context), yes.
type tri int8

const (
	no tri = iota
	maybe
	yes
)

// matchValue matches a string against the pattern; a template matches
// "maybe" (its variables come from the request).
func (p Pattern) matchValue(s string) tri {
	switch p.Kind {
	case '*':
		return yes
	case '=':
		return boolTri(p.Text == s)
	case '^':
		return boolTri(strings.HasPrefix(s, p.Text))
	case '~', ':':
		return boolTri(matchToks(p.toks, s))
	case 'v':
		return maybe
	}
	return no
}

func boolTri(b bool) tri {
	if b {
		return yes
	}
	return no
}

// Display writes the pattern as a policy writes it, with IAM's wildcards
// and policy variables.
func (p Pattern) Display() string {
	switch p.Kind {
	case '*':
		return "*"
	case '=':
		return p.Text
	case '^':
		return p.Text + "*"
	case '~', ':':
		return displayToks(p.toks)
	case 'v':
		var b strings.Builder
		for _, part := range p.Parts {
			switch {
			case part.Key == "":
				if p.Mode == "~" || p.Mode == ":" {
					b.WriteString(displayToks(parseGlob(part.Text, p.Mode == ":")))
				} else {
					b.WriteString(part.Text)
				}
			case part.HasDefault:
				fmt.Fprintf(&b, "${%s, '%s'}", part.Key, part.Default)
			default:
				fmt.Fprintf(&b, "${%s}", part.Key)
			}
		}
		return b.String()
	}
	return "?"
}

func displayToks(ts []tok) string {
	var b strings.Builder
	for _, t := range ts {
		switch t.kind {
		case 'l':
			switch t.r {
			case '*':
				b.WriteString("${*}")
			case '?':
				b.WriteString("${?}")
			default:
				b.WriteRune(t.r)
			}
		case '*', 'S':
			b.WriteByte('*')
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// Filler is the text an instance of a pattern puts where the pattern has
// a wildcard in the resource part of an ARN.
const Filler = "example"

// Instance returns a resource ARN that the pattern matches, made by
// filling its wildcards: a region wildcard with us-east-1, an account
// wildcard with account (when it fits), anything else with Filler; vars
// resolves policy variables (nil: their default, else Filler). "*" stays
// "*". ok is false when no instance can be made.
func (p Pattern) Instance(account string, vars func(key string) (string, bool)) (string, bool) {
	var s string
	switch p.Kind {
	case '*':
		return "*", true
	case '=':
		return p.Text, true
	case '^':
		s = p.Text + Filler
	case ':', '~':
		s = instanceOf(p.Display(), account)
	case 'v':
		var b strings.Builder
		for _, part := range p.Parts {
			switch {
			case part.Key == "" && (p.Mode == "~" || p.Mode == ":"):
				b.WriteString(displayToks(parseGlob(part.Text, p.Mode == ":")))
			case part.Key == "":
				b.WriteString(part.Text)
			default:
				v, found := "", false
				if vars != nil {
					v, found = vars(part.Key)
				}
				if !found && part.HasDefault {
					v, found = part.Default, true
				}
				if !found {
					v = Filler
				}
				// A substituted value is literal: quote its wildcards so
				// that instanceOf keeps them as they are.
				v = strings.NewReplacer("*", "\x00", "?", "\x01").Replace(v)
				b.WriteString(v)
			}
		}
		s = instanceOf(b.String(), account)
		s = strings.NewReplacer("\x00", "*", "\x01", "?").Replace(s)
	default:
		return "", false
	}
	return s, true
}

// instanceOf fills the wildcards of an IAM resource pattern.
func instanceOf(pat, account string) string {
	parts := strings.SplitN(pat, ":", 6)
	if len(parts) < 6 {
		return strings.NewReplacer("*", Filler, "?", "x").Replace(pat)
	}
	fill := func(seg, whole string) string {
		if seg == "*" {
			return whole
		}
		return strings.NewReplacer("*", "", "?", "x").Replace(seg)
	}
	parts[1] = fill(parts[1], "aws")
	parts[3] = fill(parts[3], "us-east-1")
	if strings.ContainsAny(parts[4], "*?") {
		if account != "" && matchToks(parseGlob(parts[4], true), account) {
			parts[4] = account
		} else {
			digits := strings.ReplaceAll(parts[4], "?", "0")
			if n := strings.Count(digits, "*"); n > 0 {
				pad := max(0, 12-(len(digits)-n))
				digits = strings.Replace(digits, "*", strings.Repeat("0", pad), 1)
				digits = strings.ReplaceAll(digits, "*", "")
			}
			parts[4] = digits
		}
	}
	parts[5] = strings.NewReplacer("*", Filler, "?", "x").Replace(parts[5])
	return strings.Join(parts, ":")
}
