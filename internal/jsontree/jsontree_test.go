package jsontree_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamc/iamc/internal/jsontree"
)

// The option sets of the two readers: AWS exports and policy documents.
var (
	exportOpts = jsontree.Options{MaxDepth: 64, UTF8: true}
	policyOpts = jsontree.Options{MaxDepth: 32, Float64: true}
)

func TestTree(t *testing.T) {
	src := "\xef\xbb\xbf{\n  \"é\": [1, -2.5e+3, \"a\\u00e9\\n\", true, false, null],\n\t\"b\": {}\n}"
	n, err := jsontree.Parse([]byte(src), policyOpts)
	if err != nil {
		t.Fatal(err)
	}
	if n.Kind != jsontree.Object || len(n.Members) != 2 {
		t.Fatalf("got %v with %d members", n.Kind, len(n.Members))
	}
	// The byte order mark is a character: the object starts at column 2.
	if want := (jsontree.Pos{Line: 1, Column: 2, Byte: 3}); n.Start != want {
		t.Errorf("object starts at %+v, want %+v", n.Start, want)
	}
	m := n.Members[0]
	if m.Key != "é" || m.KeyStart != (jsontree.Pos{Line: 2, Column: 3, Byte: 7}) || m.KeyEnd != (jsontree.Pos{Line: 2, Column: 6, Byte: 11}) {
		t.Errorf("key %q at %+v-%+v", m.Key, m.KeyStart, m.KeyEnd)
	}
	var kinds, strs []string
	for _, e := range m.Value.Elems {
		kinds = append(kinds, e.Kind.Article())
		strs = append(strs, e.Str)
	}
	if want := []string{"a number", "a number", "a string", "a boolean", "a boolean", "null"}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("kinds %q, want %q", kinds, want)
	}
	if want := []string{"1", "-2.5e+3", "aé\n", "true", "false", "null"}; !reflect.DeepEqual(strs, want) {
		t.Errorf("values %q, want %q", strs, want)
	}
	// The string after the key "é" (one column, two bytes) is where the
	// columns count characters and the bytes count bytes.
	if s := m.Value.Elems[2]; s.Start != (jsontree.Pos{Line: 2, Column: 21, Byte: 26}) || s.End != (jsontree.Pos{Line: 2, Column: 32, Byte: 37}) {
		t.Errorf("string at %+v-%+v", s.Start, s.End)
	}
	if b := n.Get("b"); b == nil || b.Kind != jsontree.Object || b.Start.Line != 3 || b.Start.Column != 7 {
		t.Errorf("b is %+v", b)
	}
	if n.Get("c") != nil || m.Value.Get("b") != nil {
		t.Error("Get found a member that is not there")
	}
	if want := positions([]byte(src))[len(src)]; n.End != want {
		t.Errorf("object ends at %+v, want %+v", n.End, want)
	}
}

func TestKindNames(t *testing.T) {
	var got []string
	for k := jsontree.Null; k <= jsontree.Object; k++ {
		got = append(got, k.String()+"/"+k.Article())
	}
	want := []string{"null/null", "boolean/a boolean", "number/a number", "string/a string", "array/an array", "object/an object"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		src       string
		opt       jsontree.Options
		code      jsontree.ErrorCode
		line, col int
		message   string
	}{
		{``, exportOpts, jsontree.ErrValue, 1, 1, "unexpected end of file; expected a JSON value"},
		{" \n x", exportOpts, jsontree.ErrValue, 2, 2, "unexpected 'x'; expected a JSON value"},
		{`nul`, exportOpts, jsontree.ErrValue, 1, 1, "unexpected 'n'; expected a JSON value"},
		{`{} {}`, exportOpts, jsontree.ErrTrailing, 1, 4, "unexpected '{' after the end of the JSON value"},
		{`{"a" 1}`, exportOpts, jsontree.ErrColon, 1, 6, "unexpected '1'; expected ':' after the member name"},
		{`{"a": 1,}`, exportOpts, jsontree.ErrKey, 1, 9, "unexpected '}'; expected a member name in quotes"},
		{`{"a": 1 "b": 2}`, exportOpts, jsontree.ErrObjectEnd, 1, 9, "unexpected '\"'; expected ',' or '}'"},
		{`[1 2]`, exportOpts, jsontree.ErrArrayEnd, 1, 4, "unexpected '2'; expected ',' or ']'"},
		{`[1,]`, exportOpts, jsontree.ErrValue, 1, 4, "unexpected ']'; expected a JSON value"},
		{"[\"é\", é]", exportOpts, jsontree.ErrValue, 1, 7, "unexpected 'é'; expected a JSON value"},
		{"{\"a\": 1,\n \"a\": 2}", exportOpts, jsontree.ErrDuplicateKey, 2, 2, `"a" is given twice in this object`},
		{`"a\x"`, exportOpts, jsontree.ErrEscape, 1, 1, "invalid escape sequence in this string"},
		{`"\ud800x"`, exportOpts, 0, 0, 0, ""}, // a lone surrogate reads as U+FFFD, as encoding/json reads it
		{"[\"ab\tc\"]", exportOpts, jsontree.ErrControl, 1, 5, "a control character inside a string must be escaped"},
		{"[\"é\\\n\", \"\x01\"]", exportOpts, jsontree.ErrEscape, 1, 2, "invalid escape sequence in this string"},
		{`["abc`, exportOpts, jsontree.ErrUnterminated, 1, 2, "this string is not closed"},
		{`["abc\"]`, exportOpts, jsontree.ErrUnterminated, 1, 2, "this string is not closed"},
		{`[01]`, exportOpts, jsontree.ErrNumber, 1, 2, "invalid number"},
		{`[-]`, exportOpts, jsontree.ErrNumber, 1, 2, "invalid number"},
		{`[1.]`, exportOpts, jsontree.ErrNumber, 1, 2, "invalid number"},
		{`[1e+]`, exportOpts, jsontree.ErrNumber, 1, 2, "invalid number"},
		// Without Float64 a number ends where its grammar does.
		{`[1.5.3]`, exportOpts, jsontree.ErrArrayEnd, 1, 5, "unexpected '.'; expected ',' or ']'"},
		{`[1e999]`, exportOpts, 0, 0, 0, ""},
		{`[1.5.3]`, policyOpts, jsontree.ErrNumber, 1, 2, "invalid number"},
		{`[1-2]`, policyOpts, jsontree.ErrNumber, 1, 2, "invalid number"},
		{`[1e999]`, policyOpts, jsontree.ErrNumberRange, 1, 2, "1e999 cannot be represented as a 64-bit floating-point number"},
		{`[-1e309]`, policyOpts, jsontree.ErrNumberRange, 1, 2, "-1e309 cannot be represented as a 64-bit floating-point number"},
		{`[1e-999]`, policyOpts, 0, 0, 0, ""}, // rounds to zero, as strconv.ParseFloat reads it
		{"{\"a\": \"\xff\"}", exportOpts, jsontree.ErrNotUTF8, 1, 8, "the file is not UTF-8 text"},
		{"\xef\xbb\xbf\n\xc3", exportOpts, jsontree.ErrNotUTF8, 2, 1, "the file is not UTF-8 text"},
		{"{\"a\": \"\xff\"}", policyOpts, 0, 0, 0, ""},
		{"\xff", policyOpts, jsontree.ErrValue, 1, 1, "unexpected '\ufffd'; expected a JSON value"},
		{strings.Repeat("[", 65) + strings.Repeat("]", 65), exportOpts, 0, 0, 0, ""},
		{strings.Repeat("[", 66) + strings.Repeat("]", 66), exportOpts, jsontree.ErrDepth, 1, 66, "the JSON nests more than 64 levels deep"},
		{strings.Repeat(`{"a":`, 33) + "1" + strings.Repeat("}", 33), policyOpts, jsontree.ErrDepth, 1, 166, "the JSON nests more than 32 levels deep"},
	} {
		n, err := jsontree.Parse([]byte(c.src), c.opt)
		if c.code == 0 {
			if err != nil || n == nil {
				t.Errorf("%q: refused (%v), want accepted", c.src, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%q: accepted, want %q", c.src, c.message)
			continue
		}
		if n != nil {
			t.Errorf("%q: a tree with an error", c.src)
		}
		if err.Code != c.code || err.Pos.Line != c.line || err.Pos.Column != c.col || err.Error() != c.message {
			t.Errorf("%q: %d at %d:%d %q, want %d at %d:%d %q", c.src, err.Code, err.Pos.Line, err.Pos.Column, err.Error(), c.code, c.line, c.col, c.message)
		}
		if want := positions([]byte(c.src))[err.Pos.Byte]; err.Pos != want {
			t.Errorf("%q: error at %+v, the byte is at %+v", c.src, err.Pos, want)
		}
	}
}

// A key given twice is found in an object of any size, and the error names
// the first.
func TestDuplicateKeyLargeObject(t *testing.T) {
	for _, size := range []int{2, 15, 16, 17, 100} {
		var b strings.Builder
		b.WriteString("{\n")
		for i := range size {
			b.WriteString(`"k` + strings.Repeat("x", i) + `": 1,` + "\n")
		}
		b.WriteString(`"kxx": 2}`)
		_, err := jsontree.Parse([]byte(b.String()), exportOpts)
		if size <= 2 {
			if err != nil {
				t.Errorf("size %d: %v", size, err)
			}
			continue
		}
		if err == nil || err.Code != jsontree.ErrDuplicateKey || err.Key != "kxx" || err.First.Line != 4 || err.Pos.Line != size+2 {
			t.Errorf("size %d: %+v", size, err)
		}
	}
}

// The escape error keeps encoding/json's account of it.
func TestEscapeError(t *testing.T) {
	_, err := jsontree.Parse([]byte(`"\q"`), policyOpts)
	if err == nil || err.Code != jsontree.ErrEscape || err.Err == nil || !strings.Contains(err.Err.Error(), "in string escape code") {
		t.Fatalf("got %+v", err)
	}
	var se *json.SyntaxError
	if !errors.As(err.Err, &se) {
		t.Errorf("the account is %T, not a *json.SyntaxError", err.Err)
	}
}

// toAny converts a tree to the value encoding/json decodes (numbers as
// json.Number).
func toAny(n *jsontree.Node) any {
	switch n.Kind {
	case jsontree.Object:
		m := map[string]any{}
		for _, e := range n.Members {
			m[e.Key] = toAny(e.Value)
		}
		return m
	case jsontree.Array:
		a := []any{}
		for _, e := range n.Elems {
			a = append(a, toAny(e))
		}
		return a
	case jsontree.String:
		return n.Str
	case jsontree.Number:
		return json.Number(n.Str)
	case jsontree.Bool:
		return n.Str == "true"
	}
	return nil
}

// positions returns the position of every byte offset of src, and of its
// end, counted afresh.
func positions(src []byte) []jsontree.Pos {
	out := make([]jsontree.Pos, len(src)+1)
	p := jsontree.Pos{Line: 1, Column: 1}
	for i, c := range src {
		out[i] = p
		p.Byte++
		switch {
		case c == '\n':
			p.Line++
			p.Column = 1
		case c&0xC0 != 0x80:
			p.Column++
		}
	}
	out[len(src)] = p
	return out
}

// checkTree fails on a node whose positions are not those of its text.
func checkTree(t *testing.T, src []byte, at []jsontree.Pos, n *jsontree.Node) {
	t.Helper()
	if n.Start.Byte < 0 || n.End.Byte > len(src) || n.Start.Byte >= n.End.Byte {
		t.Fatalf("bad offsets %d-%d", n.Start.Byte, n.End.Byte)
	}
	if n.Start != at[n.Start.Byte] || n.End != at[n.End.Byte] {
		t.Fatalf("positions %+v-%+v are not those of their bytes", n.Start, n.End)
	}
	text := src[n.Start.Byte:n.End.Byte]
	switch n.Kind {
	case jsontree.Object:
		if text[0] != '{' || text[len(text)-1] != '}' {
			t.Fatalf("an object's text %q", text)
		}
	case jsontree.Array:
		if text[0] != '[' || text[len(text)-1] != ']' {
			t.Fatalf("an array's text %q", text)
		}
	case jsontree.String:
		var s string
		if err := json.Unmarshal(text, &s); err != nil || s != n.Str {
			t.Fatalf("string %q is not its text %q", n.Str, text)
		}
	default:
		if string(text) != n.Str {
			t.Fatalf("%s %q is not its text %q", n.Kind, n.Str, text)
		}
	}
	for _, m := range n.Members {
		if m.KeyStart != at[m.KeyStart.Byte] || m.KeyEnd != at[m.KeyEnd.Byte] || m.KeyEnd.Byte > m.Value.Start.Byte {
			t.Fatalf("key %q at %+v-%+v", m.Key, m.KeyStart, m.KeyEnd)
		}
		var k string
		if err := json.Unmarshal(src[m.KeyStart.Byte:m.KeyEnd.Byte], &k); err != nil || k != m.Key {
			t.Fatalf("key %q is not its text %q", m.Key, src[m.KeyStart.Byte:m.KeyEnd.Byte])
		}
		checkTree(t, src, at, m.Value)
	}
	for _, e := range n.Elems {
		checkTree(t, src, at, e)
	}
}

func seeds(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `[1, -2.5e+3, "a\u00e9\n", true, null]`, `{"a": {"b": [[]]}}`, `01`, `"\ud800"`, `[1,]`,
		"\xef\xbb\xbf{}", `{"a": 1, "a": 2}`, `[1.5.3]`, `[1e999]`, "\"\xff\"", `"a\x"`, "[\"\t\"]", `{"a" 1}`,
		strings.Repeat("[", 40) + strings.Repeat("]", 40), "{\"é\": \"\\u00e9\\\"\"}\n",
	} {
		f.Add([]byte(s))
	}
	for _, pattern := range []string{"../../examples/*/*.json", "../../testdata/*/*/*.json", "../../testdata/import/*/*/*.json"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range files {
			b, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

// FuzzParse: under either set of options, Parse never panics; it accepts
// exactly the JSON that encoding/json accepts, but for what it refuses on
// purpose (a key given twice, nesting deeper than the bound, text that is
// not UTF-8, a number out of a float's range); the tree it returns holds
// the values encoding/json decodes, at positions that are those of their
// text; an error's position is inside the text and is that of its byte.
func FuzzParse(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		body := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
		valid := json.Valid(body)
		for _, opt := range []jsontree.Options{exportOpts, policyOpts} {
			n, err := jsontree.Parse(src, opt)
			if err != nil {
				if n != nil {
					t.Fatal("a tree with an error")
				}
				if err.Pos.Byte < 0 || err.Pos.Byte > len(src) || err.Pos != positions(src)[err.Pos.Byte] {
					t.Fatalf("error at %+v in %d bytes", err.Pos, len(src))
				}
				if err.Error() == "" {
					t.Fatal("an error without a message")
				}
				onPurpose := false
				switch err.Code {
				case jsontree.ErrDuplicateKey, jsontree.ErrDepth, jsontree.ErrNumberRange:
					onPurpose = true
				case jsontree.ErrNotUTF8:
					onPurpose = !utf8.Valid(src)
				case jsontree.ErrValue, jsontree.ErrKey, jsontree.ErrColon, jsontree.ErrObjectEnd, jsontree.ErrArrayEnd, jsontree.ErrTrailing:
					if want := jsontree.EOF; err.Pos.Byte < len(src) {
						want, _ = utf8.DecodeRune(src[err.Pos.Byte:])
						if err.Found != want {
							t.Fatalf("found %q at %d, where %q is", err.Found, err.Pos.Byte, want)
						}
					} else if err.Found != want {
						t.Fatalf("found %q at the end", err.Found)
					}
				}
				if valid && !onPurpose {
					t.Fatalf("refused valid JSON %q: %v", src, err)
				}
				continue
			}
			if !valid {
				t.Fatalf("accepted what encoding/json refuses: %q", src)
			}
			checkTree(t, src, positions(src), n)
			var want any
			d := json.NewDecoder(bytes.NewReader(body))
			d.UseNumber()
			if err := d.Decode(&want); err != nil {
				t.Fatal(err)
			}
			if got := toAny(n); !reflect.DeepEqual(got, want) {
				t.Fatalf("the tree holds %#v, encoding/json reads %#v", got, want)
			}
		}
	})
}

// BenchmarkParse reads every policy document and export of the
// repository's examples and test data, as one slice of texts.
func BenchmarkParse(b *testing.B) {
	var docs [][]byte
	var size int64
	for _, pattern := range []string{"../../examples/*/*.json", "../../testdata/*/*/*.json", "../../testdata/import/*/*/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := jsontree.Parse(src, policyOpts); err == nil {
				docs = append(docs, src)
				size += int64(len(src))
			}
		}
	}
	if len(docs) == 0 {
		b.Fatal("no JSON files")
	}
	for _, c := range []struct {
		name string
		opt  jsontree.Options
	}{{"policy", policyOpts}, {"export", exportOpts}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for _, src := range docs {
					if _, err := jsontree.Parse(src, c.opt); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
