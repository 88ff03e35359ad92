package analysis_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/analysis"
	"github.com/iamc/iamc/internal/gen"
)

// requireDot fails a test that renders when Graphviz's dot is missing:
// such a test never skips.
func requireDot(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		t.Fatalf("this test renders graphs with Graphviz's dot, which is not installed: apt-get install graphviz (Debian, Ubuntu; .ci/run does it) or brew install graphviz (macOS)")
	}
}

// svgText returns the text of an SVG document's <text> and <title>
// elements, failing on a document that is not well-formed XML.
func svgText(t *testing.T, svg []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = false
	var b strings.Builder
	inText := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "the SVG is not well-formed")
		switch v := tok.(type) {
		case xml.StartElement:
			inText = v.Name.Local == "text"
		case xml.EndElement:
			inText = false
		case xml.CharData:
			if inText {
				b.Write(v)
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

// The coffee shop renders to SVG, with its account's cluster, its
// principals and the assumptions labelled with MFA.
func TestGraphRendersCoffeeShop(t *testing.T) {
	t.Parallel()
	requireDot(t)
	g, err := open(t, coffee).Graph(context.Background(), analysis.GraphOptions{})
	require.NoError(t, err)
	var svg bytes.Buffer
	require.NoError(t, g.WriteSVG(context.Background(), &svg))
	text := svgText(t, svg.Bytes())
	for _, want := range []string{"account shop (111122223333)", "user.employee", "role.Cashier", "role.Inventory", "group.staff", "assume with MFA"} {
		assert.Contains(t, text, want)
	}
}

// A generated organization of 5,000 statements has 100 roles, 500 users
// and 50 groups in one account: its graph renders, every role in it.
func TestGraphRendersHundredRoles(t *testing.T) {
	t.Parallel()
	requireDot(t)
	org, err := gen.New(gen.Config{Statements: 5000, Seed: 3})
	require.NoError(t, err)
	require.Len(t, org.Roles, 100)
	dir := filepath.Join(t.TempDir(), "org")
	require.NoError(t, org.WriteDir(dir))
	p, _, err := analysis.Open(context.Background(), dir)
	require.NoError(t, err)
	g, err := p.Graph(context.Background(), analysis.GraphOptions{})
	require.NoError(t, err)
	assumes := 0
	for _, e := range g.Edges {
		if e.Kind == "assume" {
			assumes++
		}
	}
	trusted := 0
	for _, r := range org.Roles {
		trusted += len(r.Trusted)
	}
	// Every role trusts its users by ARN in its own account, with no
	// condition (internal/gen): each trust is an edge.
	assert.Equal(t, trusted, assumes)
	var svg bytes.Buffer
	require.NoError(t, g.WriteSVG(context.Background(), &svg))
	text := svgText(t, svg.Bytes())
	for _, r := range org.Roles {
		assert.Contains(t, text, "role."+r.Name)
	}
	assert.Contains(t, text, "account prod (200000000000)")
}

// Without dot, WriteSVG says how to install it.
func TestGraphWithoutDot(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	g, err := open(t, coffee).Graph(context.Background(), analysis.GraphOptions{})
	require.NoError(t, err)
	err = g.WriteSVG(context.Background(), io.Discard)
	var missing *analysis.DotMissingError
	require.ErrorAs(t, err, &missing)
	assert.Contains(t, err.Error(), "apt-get install graphviz")
}
