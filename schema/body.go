package schema

import (
	"fmt"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// blockSpec describes a nested block type a body may contain.
type blockSpec struct {
	Type      string
	MinLabels int
	MaxLabels int
	Max       int // 0: any number
}

// bodyContent is the checked content of a body: its attributes by name and
// its blocks in source order.
type bodyContent struct {
	Attrs  map[string]*hclsyntax.Attribute
	Blocks []*hclsyntax.Block
	Body   *hclsyntax.Body
}

func (c *bodyContent) blocksOf(typ string) []*hclsyntax.Block {
	var out []*hclsyntax.Block
	for _, b := range c.Blocks {
		if b.Type == typ {
			out = append(out, b)
		}
	}
	return out
}

// content checks a body against the attributes and blocks it may contain and
// reports every unknown one (with a suggestion), every block with the wrong
// number of labels and every block given too often.
func (l *loader) content(body *hclsyntax.Body, where string, attrs []string, blocks []blockSpec) *bodyContent {
	c := &bodyContent{Attrs: map[string]*hclsyntax.Attribute{}, Body: body}
	blockNames := make([]string, 0, len(blocks))
	for _, b := range blocks {
		blockNames = append(blockNames, b.Type)
	}
	names := make([]string, 0, len(body.Attributes))
	for n := range body.Attributes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		a := body.Attributes[name]
		if contains(attrs, name) {
			c.Attrs[name] = a
			continue
		}
		if contains(blockNames, name) {
			l.errorf(CodeInvalidPolicyElement, a.NameRange, "Unexpected attribute", "%q is a block in %s, not an attribute: write %s { … }", name, where, name)
			continue
		}
		l.unknown(a.NameRange, "attribute", name, where, attrs)
	}
	counts := map[string]int{}
	for _, b := range body.Blocks {
		var spec *blockSpec
		for i := range blocks {
			if blocks[i].Type == b.Type {
				spec = &blocks[i]
			}
		}
		if spec == nil {
			if contains(attrs, b.Type) {
				l.errorf(CodeInvalidPolicyElement, b.TypeRange, "Unexpected block", "%q is an attribute in %s, not a block: write %s = …", b.Type, where, b.Type)
				continue
			}
			l.unknown(b.TypeRange, "block", b.Type, where, blockNames)
			continue
		}
		if n := len(b.Labels); n < spec.MinLabels || n > spec.MaxLabels {
			rng := b.TypeRange
			if n > 0 {
				rng = b.LabelRanges[0]
			}
			switch {
			case spec.MaxLabels == 0:
				l.errorf(CodeInvalidPolicyElement, rng, "Unexpected label", "a %s block takes no label", b.Type)
			case spec.MinLabels == spec.MaxLabels:
				l.errorf(CodeInvalidPolicyElement, rng, "Wrong number of labels", "a %s block takes %d label (its name): %s \"name\" { … }", b.Type, spec.MinLabels, b.Type)
			default:
				l.errorf(CodeInvalidPolicyElement, rng, "Wrong number of labels", "a %s block takes at most %d label", b.Type, spec.MaxLabels)
			}
			continue
		}
		counts[b.Type]++
		if spec.Max > 0 && counts[b.Type] > spec.Max {
			l.errorf(CodeInvalidPolicyElement, b.TypeRange, "Duplicate block", "%s may contain only one %s block", where, b.Type)
			continue
		}
		c.Blocks = append(c.Blocks, b)
	}
	return c
}

func (l *loader) unknown(rng hcl.Range, what, name, where string, known []string) {
	detail := ""
	if s := nameSuggestion(name, known); s != "" {
		detail = fmt.Sprintf("did you mean %q? ", s)
	}
	if len(known) == 0 {
		detail += fmt.Sprintf("%s takes no %ss", where, what)
	} else {
		detail += fmt.Sprintf("%s takes %s", where, quoteList(known))
	}
	l.errorf(CodeInvalidPolicyElement, rng, fmt.Sprintf("Unknown %s %q", what, name), "%s", detail)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
