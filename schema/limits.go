package schema

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// Limits that keep a hostile project from exhausting memory or the stack.
// Files are also limited to maxFileSize (4 MiB) and JSON documents to
// maxJSONDepth (32) levels.
const (
	// maxNesting bounds how deeply HCL expressions and blocks nest. The
	// HCL parser recurses once per level, so without it a file of
	// brackets could overflow the stack. Real projects nest under 10.
	maxNesting = 100
	// maxStatements bounds the statements of one policy document. No AWS
	// policy comes near it: the largest size quota is 20,480 characters.
	maxStatements = 1000
)

// nestingBound is an upper bound of how deeply an HCL source nests, found
// by a scan much cheaper than lexing (which costs as much as parsing): it
// follows comments, strings with their escapes and template sequences, and
// heredocs, and counts brackets, braces, parentheses, quotes, heredocs and
// template sequences as the lexer-based count does, plus every character
// that can add a level of recursion without a bracket (?, !, - and template
// directives) until its bracket closes, or until the line ends outside all
// brackets. A source under the limit by this bound is under it by the
// precise count (FuzzNestingBound holds the two together); one over it is
// counted precisely.
func nestingBound(src []byte) int {
	if !utf8.Valid(src) {
		return math.MaxInt
	}
	s := boundScan{src: src, stack: []boundFrame{{kind: inCode}}}
	for s.i = 0; s.i < len(src); s.i++ {
		f := &s.stack[len(s.stack)-1]
		var ok bool
		if f.kind == inCode {
			ok = s.code(f)
		} else {
			ok = s.template(f)
		}
		if !ok {
			return math.MaxInt // beyond what the scan follows: count it precisely
		}
		s.worst = max(s.worst, s.depth)
	}
	return s.worst
}

const (
	inCode = iota
	inString
	inHeredoc
)

type boundFrame struct {
	kind  int
	open  byte   // the bracket that opened a code frame; '$' for a template sequence
	extra int    // levels added inside this frame without a bracket
	end   []byte // a heredoc's marker
}

// boundScan is the state of nestingBound: the open frames, and depth, the
// frames beyond the first plus every frame's extra levels.
type boundScan struct {
	src          []byte
	i            int
	stack        []boundFrame
	depth, worst int
}

func (s *boundScan) push(f boundFrame) { s.stack = append(s.stack, f); s.depth++ }

func (s *boundScan) pop() {
	if len(s.stack) > 1 {
		s.depth -= 1 + s.stack[len(s.stack)-1].extra
		s.stack = s.stack[:len(s.stack)-1]
	}
}

func (s *boundScan) at(j int, c byte) bool { return j < len(s.src) && s.src[j] == c }

// code scans src[i] in code; false when the source is beyond the scan.
func (s *boundScan) code(f *boundFrame) bool {
	src, i := s.src, s.i
	switch c := src[i]; {
	case c == '#' || c == '/' && (s.at(i+1, '/') || s.at(i+1, '*')):
		return s.comment()
	case c >= 0x80:
		return false // a letter beyond ASCII, or a character the lexer refuses
	case c == '{' || c == '[' || c == '(':
		s.push(boundFrame{kind: inCode, open: c})
	case c == '}' || c == ']' || c == ')':
		if len(s.stack) > 1 && !closes(f.open, c) {
			return false
		}
		s.pop()
	case c == '"':
		s.push(boundFrame{kind: inString})
	case c == '<' && s.at(i+1, '<'):
		return s.heredoc()
	case c == '?' || c == '!' || c == '-':
		f.extra++
		s.depth++
	case c == '\n' && len(s.stack) == 1:
		s.depth -= f.extra
		f.extra = 0
	}
	return true
}

// comment skips the comment that starts at src[i].
func (s *boundScan) comment() bool {
	src, i := s.src, s.i
	if src[i] == '/' && src[i+1] == '*' {
		end := bytes.Index(src[i+2:], []byte("*/"))
		if end < 0 {
			return false
		}
		s.i += end + 3
		return true
	}
	// A line comment takes its newline, which then ends no line.
	for s.i < len(src) && src[s.i] != '\n' {
		s.i++
	}
	return true
}

// heredoc scans the << at src[i]: an operator, or a heredoc's start.
func (s *boundScan) heredoc() bool {
	j := s.i + 2
	if s.at(j, '-') {
		j++
	}
	k := heredocMarker(s.src, j)
	switch {
	case k < 0:
		return false
	case k > j:
		s.push(boundFrame{kind: inHeredoc, end: s.src[j:k]})
		s.i = k
	}
	return true
}

// template scans src[i] in a quoted string or a heredoc.
func (s *boundScan) template(f *boundFrame) bool {
	src, i := s.src, s.i
	c := src[i]
	switch {
	case f.kind == inString && c == '\\':
		s.i++
	case f.kind == inString && c == '"':
		s.pop()
	case f.kind == inString && c == '\n':
		return false // an unterminated string
	case f.kind == inHeredoc && c == '\n':
		rest := src[i+1:]
		if eol := bytes.IndexByte(rest, '\n'); eol >= 0 {
			rest = rest[:eol]
		}
		if bytes.Equal(bytes.TrimSpace(rest), f.end) {
			s.pop()
			s.i += len(rest)
		}
	case (c == '$' || c == '%') && s.at(i+1, c) && s.at(i+2, '{'):
		s.i += 2 // $${ and %%{ are literal
	case (c == '$' || c == '%') && s.at(i+1, '{'):
		if c == '%' { // a directive may open a level until its end
			f.extra++
			s.depth++
		}
		s.i++
		s.push(boundFrame{kind: inCode, open: '$'})
	}
	return true
}

func closes(open, c byte) bool {
	return (open == '{' || open == '$') && c == '}' || open == '[' && c == ']' || open == '(' && c == ')'
}

// heredocMarker returns the end of the heredoc marker that starts at
// src[j] and ends its line (j when there is none), or -1 when the bytes
// there are not plain ASCII.
func heredocMarker(src []byte, j int) int {
	letter := func(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
	if j >= len(src) || !letter(src[j]) && src[j] != '_' {
		if j < len(src) && src[j] >= 0x80 {
			return -1
		}
		return j
	}
	k := j
	for k < len(src) && (letter(src[k]) || src[k] == '_' || src[k] == '-' || src[k] >= '0' && src[k] <= '9') {
		k++
	}
	switch {
	case k < len(src) && src[k] >= 0x80:
		return -1
	case k < len(src) && src[k] == '\n', k+1 < len(src) && src[k] == '\r' && src[k+1] == '\n':
		return k
	}
	return j
}

// nestingError lexes an HCL source and reports where it nests deeper than
// maxNesting: brackets, braces, parentheses, quotes, heredocs, template
// sequences, and the chains of unary operators and conditionals that the
// parser also handles by recursion. Lexing does not recurse.
func nestingError(name string, src []byte) *hcl.Diagnostic {
	if nestingBound(src) <= maxNesting {
		return nil
	}
	return nestingOver(name, src, maxNesting)
}

// nestingOver lexes src and reports the first token nested deeper than
// limit.
func nestingOver(name string, src []byte, limit int) *hcl.Diagnostic {
	toks, _ := hclsyntax.LexConfig(src, name, hcl.InitialPos)
	// One counter of conditionals per open bracket level.
	levels := []int{0}
	sum := 0 // the conditionals of every open level
	unary := 0
	prevDirective := false
	for _, t := range toks {
		depth := len(levels) - 1 + sum + unary
		if depth > limit {
			return Errorf(CodeProjectLimit, t.Range.Ptr(), "Too deeply nested",
				"expressions and blocks nest more than %d levels here; flatten them", limit)
		}
		switch t.Type {
		case hclsyntax.TokenBang, hclsyntax.TokenMinus:
			unary++
			continue
		}
		unary = 0
		switch t.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenOQuote,
			hclsyntax.TokenOHeredoc, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			levels = append(levels, 0)
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenCQuote,
			hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateSeqEnd:
			if len(levels) > 1 {
				sum -= levels[len(levels)-1]
				levels = levels[:len(levels)-1]
			}
		case hclsyntax.TokenQuestion:
			levels[len(levels)-1]++
			sum++
		case hclsyntax.TokenNewline:
			if len(levels) == 1 {
				sum, levels[0] = 0, 0
			}
		case hclsyntax.TokenIdent:
			// %{ if } and %{ for } open a level of the template until
			// %{ endif } or %{ endfor }.
			if prevDirective {
				switch string(t.Bytes) {
				case "if", "for":
					levels[len(levels)-2]++
					sum++
				case "endif", "endfor":
					if levels[len(levels)-2] > 0 {
						levels[len(levels)-2]--
						sum--
					}
				}
			}
		}
		prevDirective = t.Type == hclsyntax.TokenTemplateControl
	}
	return nil
}

// statementsError reports a policy document of n statements when n is over
// maxStatements.
func statementsError(n int, rng hcl.Range) *hcl.Diagnostic {
	if n <= maxStatements {
		return nil
	}
	return Errorf(CodeProjectLimit, rng.Ptr(), "Too many statements",
		"the policy has %d statements; iamc accepts at most %d in one policy (AWS size quotas allow far fewer)", n, maxStatements)
}

// maxFuncResult bounds the string a function may build: as much as a file
// of the project may hold. Functions that can make a result much larger
// than their arguments (format widths, indent, replace, join) are checked
// before they run, so that a few bytes of HCL cannot ask for gigabytes.
const maxFuncResult = maxFileSize

var formatWidthRE = regexp.MustCompile(`%[-+ #0]*(?:\[\d+\])?(\d*)(?:\.(\d*))?`)

func tooLarge(fn string, n int) error {
	return fmt.Errorf("the result of %s would be %d characters; iamc limits it to %d", fn, n, maxFuncResult)
}

// guarded wraps a function so that check runs on its arguments first.
func guarded(name string, fn function.Function, check func(args []cty.Value) error) function.Function {
	return function.New(&function.Spec{
		Description: fn.Description(),
		Params:      fn.Params(),
		VarParam:    fn.VarParam(),
		Type:        func(args []cty.Value) (cty.Type, error) { return fn.ReturnTypeForValues(args) },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if err := check(args); err != nil {
				return cty.NilVal, err
			}
			return fn.Call(args)
		},
	})
}

// knownString returns a known, non-null string argument.
func knownString(v cty.Value) (string, bool) {
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	return v.AsString(), true
}

// longest returns the length of the longest string in v (a string, or a
// collection of them) and the number of elements of the largest
// collection.
func longest(v cty.Value) (maxLen, maxElems int) {
	if !v.IsWhollyKnown() || v.IsNull() {
		return 0, 0
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return len(v.AsString()), 1
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		maxElems = v.LengthInt()
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if s, ok := knownString(e); ok && len(s) > maxLen {
				maxLen = len(s)
			}
		}
	}
	return maxLen, maxElems
}

// formatCheck bounds format and formatlist: widths and precisions, and each
// verb's share of the longest argument.
func formatCheck(name string) func(args []cty.Value) error {
	return func(args []cty.Value) error {
		f, ok := knownString(args[0])
		if !ok {
			return nil
		}
		for _, m := range formatWidthRE.FindAllStringSubmatch(f, -1) {
			for _, n := range m[1:] {
				if w, err := strconv.Atoi(n); n != "" && (err != nil || w > 1024) {
					return fmt.Errorf("%s: width or precision %s is over 1024", name, n)
				}
			}
		}
		maxLen, rows := 0, 1
		for _, a := range args[1:] {
			l, n := longest(a)
			maxLen = max(maxLen, l)
			rows = max(rows, n)
		}
		if est := rows * (len(f) + strings.Count(f, "%")*(maxLen+1024)); est > maxFuncResult {
			return tooLarge(name, est)
		}
		return nil
	}
}

// guardFunctions wraps the functions that can amplify their input.
func guardFunctions(fns map[string]function.Function) {
	fns["format"] = guarded("format", fns["format"], formatCheck("format"))
	fns["formatlist"] = guarded("formatlist", fns["formatlist"], formatCheck("formatlist"))
	fns["indent"] = guarded("indent", fns["indent"], func(args []cty.Value) error {
		s, ok := knownString(args[1])
		if !ok || !args[0].IsKnown() || args[0].IsNull() {
			return nil
		}
		spaces, _ := args[0].AsBigFloat().Int64()
		if spaces > 1024 || spaces < 0 {
			return fmt.Errorf("indent: %d spaces is over 1024", spaces)
		}
		if est := len(s) + int(spaces)*strings.Count(s, "\n"); est > maxFuncResult {
			return tooLarge("indent", est)
		}
		return nil
	})
	fns["replace"] = guarded("replace", fns["replace"], func(args []cty.Value) error {
		s, ok1 := knownString(args[0])
		old, ok2 := knownString(args[1])
		repl, ok3 := knownString(args[2])
		if !ok1 || !ok2 || !ok3 {
			return nil
		}
		n := strings.Count(s, old)
		if len(old) > 1 && old[0] == '/' && old[len(old)-1] == '/' {
			if re, err := regexp.Compile(old[1 : len(old)-1]); err == nil {
				n = len(re.FindAllStringIndex(s, -1))
			}
		}
		if est := len(s) + n*len(repl); est > maxFuncResult {
			return tooLarge("replace", est)
		}
		return nil
	})
	fns["join"] = guarded("join", fns["join"], func(args []cty.Value) error {
		sep, ok := knownString(args[0])
		if !ok {
			return nil
		}
		total, elems := 0, 0
		for _, a := range args[1:] {
			l, n := longest(a)
			total += l * n
			elems += n
		}
		if est := total + elems*len(sep); est > maxFuncResult {
			return tooLarge("join", est)
		}
		return nil
	})
}

// maxEvalElements bounds what for expressions may build in a whole project:
// the elements of the collections they iterate over and of the values they
// produce, counted at every level of nesting. A few lines of nested for
// expressions could otherwise ask for billions of values.
const maxEvalElements = 200_000

// budgetFunc is the hidden function that charges what a for expression
// iterates over and produces; wrapFor routes both through it.
const budgetFunc = "__iamc_budget"

const budgetError = "for expressions of the project build more than"

type evalBudget struct {
	elements int
	exceeded bool
}

// elements counts the values inside v, at every level.
func elements(v cty.Value) int {
	if !v.IsKnown() || v.IsNull() || !v.CanIterateElements() {
		return 1
	}
	n := 1
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		n += elements(e)
	}
	return n
}

func (b *evalBudget) function() function.Function {
	return function.New(&function.Spec{
		Description: "Counts the values for expressions build, against the project's limit.",
		Params: []function.Parameter{{Name: "value", Type: cty.DynamicPseudoType,
			AllowUnknown: true, AllowNull: true, AllowDynamicType: true, AllowMarked: true}},
		Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if b.exceeded {
				// Once over, an unknown value stops every enclosing for
				// expression at once, where an error would let it go on
				// iterating to collect more errors.
				return cty.UnknownVal(args[0].Type()), nil
			}
			b.elements += elements(args[0])
			if b.elements > maxEvalElements {
				b.exceeded = true
				return cty.NilVal, fmt.Errorf("%s %d values; flatten or shorten them", budgetError, maxEvalElements)
			}
			return args[0], nil
		},
	})
}

// stopAfter wraps a function so that it does no work once the budget is
// exceeded: the evaluation is failing anyway, and loops still running would
// otherwise keep calling it.
func (b *evalBudget) stopAfter(fn function.Function) function.Function {
	return function.New(&function.Spec{
		Description: fn.Description(),
		Params:      fn.Params(),
		VarParam:    fn.VarParam(),
		Type:        func(args []cty.Value) (cty.Type, error) { return fn.ReturnTypeForValues(args) },
		Impl: func(args []cty.Value, ty cty.Type) (cty.Value, error) {
			if b.exceeded {
				return cty.UnknownVal(ty), nil
			}
			return fn.Call(args)
		},
	})
}

// wrapFor rewrites the for expressions of expr (once) so that their
// collection and every value they produce pass through budgetFunc.
func (l *loader) wrapFor(expr hcl.Expression) {
	e, ok := expr.(hclsyntax.Expression)
	if !ok {
		return
	}
	charge := func(x hclsyntax.Expression) hclsyntax.Expression {
		if x == nil {
			return nil
		}
		r := x.Range()
		return &hclsyntax.FunctionCallExpr{Name: budgetFunc, Args: []hclsyntax.Expression{x},
			NameRange: r, OpenParenRange: r, CloseParenRange: r}
	}
	_ = hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if f, ok := n.(*hclsyntax.ForExpr); ok && !l.wrapped[f] {
			l.wrapped[f] = true
			f.CollExpr, f.ValExpr, f.KeyExpr = charge(f.CollExpr), charge(f.ValExpr), charge(f.KeyExpr)
		}
		return nil
	})
}

// budgetDiagnostics gives the error of budgetFunc a summary of its own.
func budgetDiagnostics(diags hcl.Diagnostics) {
	for _, d := range diags {
		if strings.Contains(d.Detail, budgetError) {
			d.Summary = "Too large to evaluate"
			d.Expression, d.EvalContext = nil, nil
			Coded(CodeProjectLimit, hcl.Diagnostics{d})
			d.Detail = d.Detail[strings.Index(d.Detail, budgetError):]
		}
	}
}
