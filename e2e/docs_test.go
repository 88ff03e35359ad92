package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/iamc/iamc/internal/golden"
)

// TestDocTranscripts runs the commands of every ```console block of the
// repository's Markdown documents and requires each output to be the one
// the block shows: the README and the docs cannot drift from what iamc
// prints. make golden (go test ./e2e -update) rewrites the blocks whose
// output changed; review the diff.
//
// A block is a transcript: "$ command" lines (continued while a quote is
// open or a line ends in \), each followed by its output, stdout and
// stderr together. The commands run from a scratch directory laid out as
// the repository's root (examples is a copy, everything else a link), one
// per document, in the document's order; what one command writes, a later
// one reads. They are iamc (the binary built from this tree), curl to
// localhost:8181 (an OPA sidecar, the real one, serving the coffee shop's
// bundle), jq with a path filter after a pipe, echo, and NAME=$(…) to keep
// an output for "$NAME". In a shown output a line "…" stands for any
// number of lines, and the clock's readings (times of day, durations) may
// differ.
//
// A comment before a block can prepare it:
//
//	<!-- console: append the hcl block above to examples/coffee-shop/story_test.hcl -->
//
// appends the document's last ```hcl block to the file for that block
// only, as the text before it tells the reader to.
func TestDocTranscripts(t *testing.T) {
	docs := markdownFiles(t)
	blocks := 0
	for _, doc := range docs {
		src, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		d := parseDoc(string(src))
		if len(d.blocks) == 0 {
			continue
		}
		blocks += len(d.blocks)
		name := strings.TrimPrefix(filepath.ToSlash(doc), "../")
		t.Run(name, func(t *testing.T) {
			sh := newShell(t)
			for _, b := range d.blocks {
				sh.runBlock(b)
			}
			if golden.Updating() {
				golden.Check(t, doc, []byte(d.render()))
				return
			}
			for _, b := range d.blocks {
				for _, e := range b.entries {
					if e.actual != nil && !matches(e.shown, e.actual) {
						t.Errorf("%s:%d: the output of\n%s\nis\n%s\nnot, as shown,\n%s\n(go test ./e2e -run TestDocTranscripts -update rewrites it)",
							name, e.line, strings.Join(e.command, "\n"), strings.Join(e.actual, "\n"), strings.Join(e.shown, "\n"))
					}
				}
			}
		})
	}
	if blocks < 10 {
		t.Fatalf("found %d console blocks in %d documents: the scan is broken", blocks, len(docs))
	}
}

// markdownFiles lists the repository's Markdown documents.
func markdownFiles(t *testing.T) []string {
	var out []string
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != ".." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "vendor" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// ---------------------------------------------------------------- documents

// doc is a Markdown document cut around its console blocks.
type doc struct {
	lines  []string // the document, without the console blocks' bodies
	blocks []*block
}

// block is a console block: the commands and their outputs.
type block struct {
	at      int // the index in doc.lines after which the body goes
	entries []*entry
	// appendTo and hcl: the file to append the hcl block before the block
	// to, while it runs.
	appendTo, hcl string
}

type entry struct {
	line    int      // of the command in the document
	command []string // the lines as written, the first with its "$ "
	shown   []string // the output as the document shows it
	blank   int      // the empty lines after it, before the next command
	actual  []string // the output of the command, once run
}

var appendMarker = regexp.MustCompile(`^<!-- console: append the hcl block above to (\S+) -->$`)

func parseDoc(src string) *doc {
	d := &doc{}
	lines := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
	lastHCL, marker := "", ""
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		d.lines = append(d.lines, line)
		trimmed := strings.TrimSpace(line)
		if m := appendMarker.FindStringSubmatch(trimmed); m != nil {
			marker = m[1]
		}
		if !strings.HasPrefix(trimmed, "```") {
			continue
		}
		fence, lang := line[:strings.Index(line, "```")+3], strings.TrimSpace(strings.TrimPrefix(trimmed, "```"))
		end := i + 1
		for end < len(lines) && strings.TrimSpace(lines[end]) != "```" {
			end++
		}
		body := lines[i+1 : min(end, len(lines))]
		switch lang {
		case "hcl":
			lastHCL = strings.Join(body, "\n") + "\n"
		case "console":
			b := &block{at: len(d.lines) - 1, entries: parseTranscript(body, i+2)}
			if marker != "" {
				b.appendTo, b.hcl = marker, lastHCL
				marker = ""
			}
			d.blocks = append(d.blocks, b)
			i = end
			if end < len(lines) {
				d.lines = append(d.lines, fence)
			}
			continue
		}
		d.lines = append(d.lines, body...)
		if end < len(lines) {
			d.lines = append(d.lines, lines[end])
		}
		i = end
	}
	return d
}

// parseTranscript cuts a console block, whose first line is line first of
// the document, into commands and outputs. The empty lines that end an
// output separate it from the next command.
func parseTranscript(body []string, first int) []*entry {
	var out []*entry
	for i := 0; i < len(body); i++ {
		if !strings.HasPrefix(body[i], "$ ") {
			if len(out) > 0 {
				out[len(out)-1].shown = append(out[len(out)-1].shown, body[i])
			}
			continue
		}
		e := &entry{line: first + i, command: []string{body[i]}}
		for !complete(strings.Join(e.command, "\n")) && i+1 < len(body) {
			i++
			e.command = append(e.command, body[i])
		}
		out = append(out, e)
	}
	for _, e := range out {
		for len(e.shown) > 0 && e.shown[len(e.shown)-1] == "" {
			e.shown, e.blank = e.shown[:len(e.shown)-1], e.blank+1
		}
	}
	return out
}

// complete reports whether a command is whole: no quote left open, no
// line ending in a backslash.
func complete(cmd string) bool {
	var quote rune
	escaped := false
	for _, r := range cmd {
		switch {
		case escaped:
			escaped = false
		case r == '\\' && quote != '\'':
			escaped = true
		case quote == 0 && (r == '\'' || r == '"'):
			quote = r
		case r == quote:
			quote = 0
		}
	}
	return quote == 0 && !escaped
}

// render writes the document back, each output the actual one where it
// differs from the shown one.
func (d *doc) render() string {
	var b strings.Builder
	next := 0
	for i, line := range d.lines {
		b.WriteString(line + "\n")
		for next < len(d.blocks) && d.blocks[next].at == i {
			for _, e := range d.blocks[next].entries {
				for _, c := range e.command {
					b.WriteString(c + "\n")
				}
				for _, o := range e.output() {
					b.WriteString(o + "\n")
				}
				b.WriteString(strings.Repeat("\n", e.blank))
			}
			next++
		}
	}
	return b.String()
}

// output is what the document should show: the shown output when it
// matches the actual one, else the actual one, cut as the shown one was
// (its lines before and after a "…").
func (e *entry) output() []string {
	if e.actual == nil || matches(e.shown, e.actual) {
		return e.shown
	}
	for i, s := range e.shown {
		if s == ellipsis {
			head, tail := i, len(e.shown)-i-1
			if head+tail < len(e.actual) {
				out := append(append([]string{}, e.actual[:head]...), ellipsis)
				return append(out, e.actual[len(e.actual)-tail:]...)
			}
		}
	}
	return e.actual
}

const ellipsis = "…"

// The readings of the clock in an output: times of day and durations.
var volatile = []*regexp.Regexp{
	regexp.MustCompile(`\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?Z`),
	regexp.MustCompile(`\btime: \d+(\.\d+)?(ns|µs|ms|s|m)\b`),
}

func masked(s string) string {
	for i, re := range volatile {
		s = re.ReplaceAllString(s, fmt.Sprintf("<clock %d>", i))
	}
	return s
}

// matches reports whether the actual output is what is shown: line for
// line, with "…" for any lines and the clock's readings free.
func matches(shown, actual []string) bool {
	if len(shown) == 0 {
		return len(actual) == 0
	}
	if shown[0] == ellipsis {
		for k := 0; k <= len(actual); k++ {
			if matches(shown[1:], actual[k:]) {
				return true
			}
		}
		return false
	}
	return len(actual) > 0 && masked(shown[0]) == masked(actual[0]) && matches(shown[1:], actual[1:])
}

// ---------------------------------------------------------------- the shell

// shell runs the commands of one document.
type shell struct {
	t    *testing.T
	dir  string
	vars map[string]string
	opa  *sidecar // started at the first curl
}

func newShell(t *testing.T) *shell {
	dir := t.TempDir()
	entries, err := os.ReadDir("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		abs, err := filepath.Abs(filepath.Join("..", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case strings.HasPrefix(e.Name(), "."):
		case e.Name() == "examples":
			copyDir(t, abs, filepath.Join(dir, "examples"))
		default:
			if err := os.Symlink(abs, filepath.Join(dir, e.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	return &shell{t: t, dir: dir, vars: map[string]string{}}
}

func (sh *shell) runBlock(b *block) {
	if b.appendTo != "" {
		file := filepath.Join(sh.dir, filepath.FromSlash(b.appendTo))
		old, err := os.ReadFile(file)
		if err != nil {
			sh.t.Fatalf("the console comment names %s: %v", b.appendTo, err)
		}
		if err := os.WriteFile(file, append(append(old, '\n'), b.hcl...), 0o644); err != nil {
			sh.t.Fatal(err)
		}
		defer os.WriteFile(file, old, 0o644)
	}
	for _, e := range b.entries {
		cmd := strings.TrimPrefix(strings.Join(e.command, "\n"), "$ ")
		out, err := sh.run(cmd)
		if err != nil {
			sh.t.Errorf("%s\n%v", cmd, err)
			e.actual = nil
			continue
		}
		e.actual = strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if out == "" {
			e.actual = []string{}
		}
	}
}

var assignment = regexp.MustCompile(`(?s)^([A-Za-z_][A-Za-z0-9_]*)=\$\((.*)\)$`)

// run runs one command line and returns its output.
func (sh *shell) run(cmd string) (string, error) {
	if m := assignment.FindStringSubmatch(cmd); m != nil {
		out, err := sh.pipeline(m[2])
		sh.vars[m[1]] = strings.TrimRight(out, "\n")
		return "", err
	}
	return sh.pipeline(cmd)
}

func (sh *shell) pipeline(cmd string) (string, error) {
	words, err := sh.words(cmd)
	if err != nil {
		return "", err
	}
	var stages [][]string
	cur := []string{}
	for _, w := range words {
		if w == pipe {
			stages, cur = append(stages, cur), []string{}
			continue
		}
		cur = append(cur, w)
	}
	stages = append(stages, cur)
	var out string
	for i, st := range stages {
		if len(st) == 0 {
			return "", fmt.Errorf("an empty command")
		}
		switch {
		case st[0] == "iamc" && i == 0:
			out, err = sh.iamc(st[1:])
		case st[0] == "curl" && i == 0:
			out, err = sh.curl(st[1:])
		case st[0] == "echo" && i == 0:
			out = strings.Join(st[1:], " ") + "\n"
		case st[0] == "jq" && i > 0:
			out, err = jq(st[1:], out)
		default:
			return "", fmt.Errorf("%s: not a command these transcripts run (iamc, curl, echo, | jq)", st[0])
		}
		if err != nil {
			return "", err
		}
	}
	return out, nil
}

// pipe stands for | between words.
const pipe = "\x00|"

// words splits a command as a POSIX shell does: quotes, backslashes,
// $NAME and ${NAME} (outside single quotes), and |.
func (sh *shell) words(cmd string) ([]string, error) {
	var out []string
	var w strings.Builder
	inWord := false
	var quote rune
	rs := []rune(cmd)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case quote == '\'':
			if r == '\'' {
				quote = 0
			} else {
				w.WriteRune(r)
			}
		case r == '\\' && i+1 < len(rs):
			i++
			if rs[i] == '\n' {
				continue // a continued line
			}
			if quote == '"' && !strings.ContainsRune(`$"\`, rs[i]) {
				w.WriteRune('\\')
			}
			w.WriteRune(rs[i])
			inWord = true
		case r == '"':
			if quote == '"' {
				quote = 0
			} else {
				quote, inWord = '"', true
			}
		case r == '\'' && quote == 0:
			quote, inWord = '\'', true
		case r == '$' && i+1 < len(rs):
			j, name := i+1, ""
			if rs[j] == '{' {
				end := strings.IndexRune(string(rs[j:]), '}')
				if end < 0 {
					return nil, fmt.Errorf("an unclosed ${")
				}
				name, i = string(rs[j+1:j+end]), j+end
			} else {
				for j < len(rs) && (rs[j] == '_' || rs[j] >= 'a' && rs[j] <= 'z' || rs[j] >= 'A' && rs[j] <= 'Z' || rs[j] >= '0' && rs[j] <= '9') {
					j++
				}
				name, i = string(rs[i+1:j]), j-1
			}
			v, ok := sh.vars[name]
			if !ok {
				return nil, fmt.Errorf("$%s is not set", name)
			}
			w.WriteString(v)
			inWord = true
		case quote == 0 && (r == ' ' || r == '\t' || r == '\n'):
			if inWord {
				out, inWord = append(out, w.String()), false
				w.Reset()
			}
		case quote == 0 && r == '|':
			if inWord {
				out, inWord = append(out, w.String()), false
				w.Reset()
			}
			out = append(out, pipe)
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("an unclosed quote")
	}
	if inWord {
		out = append(out, w.String())
	}
	return out, nil
}

func (sh *shell) iamc(args []string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, iamcBin, args...)
	cmd.Dir = sh.dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if _, exited := err.(*exec.ExitError); exited {
		err = nil // the exit status is not part of the transcript
	}
	return out.String(), err
}

// curl POSTs (with -d) or GETs a URL of localhost:8181, the sidecar.
func (sh *shell) curl(args []string) (string, error) {
	var url, data string
	post := false
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "-s":
		case (a == "-d" || a == "--data") && i+1 < len(args):
			data, post = args[i+1], true
			i++
		case !strings.HasPrefix(a, "-") && url == "":
			url = a
		default:
			return "", fmt.Errorf("curl %s: not an option these transcripts take (-s, -d)", a)
		}
	}
	path, ok := strings.CutPrefix(strings.TrimPrefix(url, "http://"), "localhost:8181")
	if !ok {
		return "", fmt.Errorf("curl %s: the sidecar is localhost:8181", url)
	}
	if sh.opa == nil {
		bundle := filepath.Join(sh.t.TempDir(), "coffee.tar.gz")
		if out, err := exec.Command(iamcBin, "build", "../examples/coffee-shop", "-o", bundle, "-q").CombinedOutput(); err != nil {
			return "", fmt.Errorf("build the sidecar's bundle: %v\n%s", err, out)
		}
		sh.opa = startOPA(sh.t, "docs sidecar", "--bundle", bundle)
	}
	method, body := http.MethodGet, io.Reader(nil)
	if post {
		method, body = http.MethodPost, strings.NewReader(data)
	}
	req, err := http.NewRequest(method, sh.opa.url+path, body)
	if err != nil {
		return "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

// jq applies a path filter (. or .a.b) to a JSON document and prints the
// value as jq does: indented by two spaces, or with -c on one line.
func jq(args []string, input string) (string, error) {
	compact := false
	if len(args) > 0 && args[0] == "-c" {
		compact, args = true, args[1:]
	}
	if len(args) != 1 || !regexp.MustCompile(`^(\.|(\.[A-Za-z_][A-Za-z0-9_]*)+)$`).MatchString(args[0]) {
		return "", fmt.Errorf("jq %v: these transcripts take jq [-c] .path", args)
	}
	dec := json.NewDecoder(strings.NewReader(input))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", fmt.Errorf("jq: %v in %q", err, input)
	}
	for _, k := range strings.Split(strings.TrimPrefix(args[0], "."), ".") {
		if k == "" {
			continue
		}
		m, _ := v.(map[string]any)
		v = m[k]
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if !compact {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return b.String(), nil
}
