// Package docs holds iamc's documentation; its tests keep the references
// of the repository true: every file a document or a comment names exists,
// every section of docs/semantics.md it cites and every anchor a link
// follows, and every Example of the Go packages runs.
package docs

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// root is the repository's root, from this package's directory.
const root = ".."

// A reference to a document: a path ending in .md, as written in prose
// (docs/semantics.md, README.md) or as a Markdown link target, with an
// optional anchor, and an optional section sign after it (§4.2).
var (
	mdLink  = regexp.MustCompile(`\]\(([^)\s]+?\.md)(#[^)\s]*)?\)`)
	mdPath  = regexp.MustCompile(`(?:^|[\s("'\x60\[])((?:\.\./|\./)?[A-Za-z0-9_.\-/]*[A-Za-z0-9_\-]\.md)\b(?:\s*(§\s?\d+(?:\.\d+)*))?`)
	section = regexp.MustCompile(`(?m)^#{2,4} (\d+(?:\.\d+)*)[. ]`)
)

// ref is a reference found in a file.
type ref struct {
	file    string // the file that holds it, relative to the root
	line    int
	target  string // as written
	anchor  string // #… of a Markdown link
	section string // §… after the path
}

// TestReferencesExist: every *.md a Markdown document, a Go or Rego comment
// or an HCL file names is a file of the repository (or one the build
// writes, as .gitignore says), every section of docs/semantics.md cited
// after it (§4.2) is one of its headings, and every anchor of a Markdown
// link is a heading of the document it links to.
func TestReferencesExist(t *testing.T) {
	ignored := gitignored(t)
	refs := collect(t)
	if len(refs) < 50 {
		t.Fatalf("found only %d references: the scan is broken", len(refs))
	}
	sections := map[string]map[string]bool{}
	anchors := map[string]map[string]bool{}
	for _, r := range refs {
		path, ok := resolve(r)
		if !ok {
			if !ignored[strings.TrimPrefix(r.target, "./")] {
				t.Errorf("%s:%d: %s is not a file of the repository", r.file, r.line, r.target)
			}
			continue
		}
		if r.section != "" {
			if sections[path] == nil {
				sections[path] = headings(t, path, section)
			}
			num := strings.TrimSpace(strings.TrimPrefix(r.section, "§"))
			if !sections[path][num] {
				t.Errorf("%s:%d: %s has no section %s", r.file, r.line, r.target, r.section)
			}
		}
		if r.anchor != "" && r.anchor != "#" {
			if anchors[path] == nil {
				anchors[path] = slugs(t, path)
			}
			if !anchors[path][strings.TrimPrefix(r.anchor, "#")] {
				t.Errorf("%s:%d: %s has no heading %s", r.file, r.line, r.target, r.anchor)
			}
		}
	}
}

// resolve finds the file a reference names: from the directory of the file
// that holds it, else from the root.
func resolve(r ref) (string, bool) {
	for _, base := range []string{filepath.Join(root, filepath.Dir(r.file)), root} {
		p := filepath.Join(base, filepath.FromSlash(r.target))
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, true
		}
	}
	return "", false
}

// collect finds the references of every Markdown, Go, Rego and HCL file.
func collect(t *testing.T) []ref {
	t.Helper()
	var refs []ref
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch filepath.Ext(name) {
		case ".md":
			refs = append(refs, markdownRefs(t, p, rel)...)
		case ".go":
			refs = append(refs, goRefs(t, p, rel)...)
		case ".rego":
			refs = append(refs, lineRefs(t, p, rel, func(line string) string {
				if i := strings.Index(line, "#"); i >= 0 {
					return line[i:]
				}
				return ""
			})...)
		case ".hcl":
			refs = append(refs, lineRefs(t, p, rel, func(line string) string { return line })...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return refs
}

func markdownRefs(t *testing.T, path, rel string) []ref {
	var refs []ref
	inCode := false
	forEachLine(t, path, func(n int, line string) {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inCode = !inCode
		}
		if inCode {
			return // a command or an output, checked by running it
		}
		for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
			if !isURL(m[1]) {
				refs = append(refs, ref{file: rel, line: n, target: m[1], anchor: m[2]})
			}
		}
		// Anchors within the document itself.
		for _, m := range regexp.MustCompile(`\]\((#[^)\s]+)\)`).FindAllStringSubmatch(line, -1) {
			refs = append(refs, ref{file: rel, line: n, target: filepath.Base(rel), anchor: m[1]})
		}
		refs = append(refs, proseRefs(rel, n, mdLink.ReplaceAllString(line, "]"))...)
	})
	return refs
}

// goRefs finds the references in the comments of a Go file.
func goRefs(t *testing.T, path, rel string) []ref {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		t.Errorf("%s: %v", rel, err)
		return nil
	}
	var refs []ref
	for _, g := range f.Comments {
		for _, c := range g.List {
			line := fset.Position(c.Pos()).Line
			for i, text := range strings.Split(c.Text, "\n") {
				refs = append(refs, proseRefs(rel, line+i, text)...)
			}
		}
	}
	return refs
}

func lineRefs(t *testing.T, path, rel string, text func(string) string) []ref {
	var refs []ref
	forEachLine(t, path, func(n int, line string) { refs = append(refs, proseRefs(rel, n, text(line))...) })
	return refs
}

// proseRefs finds the paths of documents in a line of prose.
func proseRefs(rel string, n int, line string) []ref {
	var refs []ref
	for _, m := range mdPath.FindAllStringSubmatchIndex(line, -1) {
		target := line[m[2]:m[3]]
		if isURL(line[:m[3]]) {
			continue
		}
		r := ref{file: rel, line: n, target: target}
		if m[4] >= 0 {
			r.section = line[m[4]:m[5]]
		}
		refs = append(refs, r)
	}
	return refs
}

// isURL reports whether the text ends in a URL (the path is part of it).
func isURL(s string) bool {
	i := strings.LastIndexAny(s, " \t(\"'`<")
	word := s[i+1:]
	return strings.Contains(word, "://") || strings.HasPrefix(word, "www.")
}

func forEachLine(t *testing.T, path string, fn func(n int, line string)) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		fn(n, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// headings returns the numbers of a document's numbered headings.
func headings(t *testing.T, path string, re *regexp.Regexp) map[string]bool {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, m := range re.FindAllSubmatch(b, -1) {
		out[string(m[1])] = true
	}
	return out
}

// slugs returns the anchors of a Markdown document's headings, made as
// GitHub makes them: lower case, spaces to hyphens, punctuation dropped.
func slugs(t *testing.T, path string) map[string]bool {
	out := map[string]bool{}
	inCode := false
	forEachLine(t, path, func(_ int, line string) {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inCode = !inCode
		}
		if inCode || !strings.HasPrefix(line, "#") {
			return
		}
		text := strings.TrimSpace(strings.TrimLeft(line, "#"))
		var b strings.Builder
		for _, r := range strings.ToLower(text) {
			switch {
			case r == ' ':
				b.WriteRune('-')
			case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && r != '—' && r != '·' && r != '§':
				b.WriteRune(r)
			}
		}
		out[b.String()] = true
	})
	return out
}

// gitignored returns the root-anchored paths .gitignore names: files the
// build writes, which a document may name.
func gitignored(t *testing.T) map[string]bool {
	out := map[string]bool{}
	forEachLine(t, filepath.Join(root, ".gitignore"), func(_ int, line string) {
		if strings.HasPrefix(line, "/") && !strings.ContainsAny(line, "*?[") {
			out[strings.TrimPrefix(line, "/")] = true
		}
	})
	return out
}

// TestExamplesRun: every Example function of the repository ends with an
// // Output: comment, so that go test runs it and checks what it prints
// (an Example without one is only compiled).
func TestExamplesRun(t *testing.T) {
	n := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "vendor" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Example") {
				continue
			}
			n++
			if !hasOutput(f, fn) {
				t.Errorf("%s: %s has no // Output: comment, so go test never runs it", fset.Position(fn.Pos()), fn.Name.Name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 3 {
		t.Fatalf("found %d Example functions: the scan is broken", n)
	}
}

// hasOutput reports whether a comment inside fn starts with Output: or
// Unordered output:.
func hasOutput(f *ast.File, fn *ast.FuncDecl) bool {
	for _, g := range f.Comments {
		if g.Pos() < fn.Body.Lbrace || g.End() > fn.Body.Rbrace {
			continue
		}
		text := strings.TrimSpace(g.Text())
		if strings.HasPrefix(text, "Output:") || strings.HasPrefix(text, "Unordered output:") {
			return true
		}
	}
	return false
}
