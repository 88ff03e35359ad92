package schema

import (
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestLanguageDocumented keeps docs/language.md true: every block the decoder
// knows has a section (or, for nested blocks, a mention) and every attribute
// appears in its block's section.
func TestLanguageDocumented(t *testing.T) {
	src, err := os.ReadFile("../docs/language.md")
	require.NoError(t, err)
	doc := string(src)
	sections := map[string]string{}
	parts := strings.Split(doc, "\n### ")
	for _, p := range parts[1:] {
		title := strings.SplitN(p, "\n", 2)[0]
		name := strings.Trim(strings.Fields(title)[0], "`")
		sections[name] = p
	}
	blocks := blockSchema()
	names := make([]string, 0, len(blocks))
	for n := range blocks {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, block := range names {
		text, ok := sections[block]
		if !ok {
			if !strings.Contains(doc, "`"+block) {
				t.Errorf("docs/language.md does not mention the %s block", block)
				continue
			}
			text = doc
		}
		for _, attr := range blocks[block] {
			if !strings.Contains(text, "`"+attr) {
				t.Errorf("docs/language.md: the section of %s does not document %q", block, attr)
			}
		}
	}
}
