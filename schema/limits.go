package schema

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
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

// nestingError lexes an HCL source and reports where it nests deeper than
// maxNesting: brackets, braces, parentheses, quotes, heredocs, template
// sequences, and the chains of unary operators and conditionals that the
// parser also handles by recursion. Lexing does not recurse.
func nestingError(name string, src []byte) *hcl.Diagnostic {
	toks, _ := hclsyntax.LexConfig(src, name, hcl.InitialPos)
	// One counter of conditionals per open bracket level.
	levels := []int{0}
	sum := 0 // the conditionals of every open level
	unary := 0
	prevDirective := false
	for _, t := range toks {
		depth := len(levels) - 1 + sum + unary
		if depth > maxNesting {
			return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too deeply nested",
				Detail:  fmt.Sprintf("expressions and blocks nest more than %d levels here; flatten them", maxNesting),
				Subject: t.Range.Ptr()}
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
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Too many statements",
		Detail:  fmt.Sprintf("the policy has %d statements; iamc accepts at most %d in one policy (AWS size quotas allow far fewer)", n, maxStatements),
		Subject: rng.Ptr()}
}
