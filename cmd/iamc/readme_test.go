package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/internal/golden"
)

// readmeMarker introduces a block of README.md that is the output of a
// command: <!-- readme: KIND ARGS --> where KIND is console (the command
// line and its output), markdown or mermaid (the output alone, in a block
// of that language).
var readmeMarker = regexp.MustCompile(`^<!-- readme: (console|markdown|mermaid) (.+) -->$`)

// TestReadmeOutputs runs the commands README.md shows, from the
// repository's root, and requires their blocks to be their real output
// (make golden rewrites them).
func TestReadmeOutputs(t *testing.T) {
	t.Chdir("../..")
	src, err := os.ReadFile("README.md")
	require.NoError(t, err)
	lines := strings.SplitAfter(string(src), "\n")
	var out strings.Builder
	blocks := 0
	for i := 0; i < len(lines); i++ {
		out.WriteString(lines[i])
		m := readmeMarker.FindStringSubmatch(strings.TrimRight(lines[i], "\n"))
		if m == nil {
			continue
		}
		blocks++
		// Skip the block the marker already has.
		j := i + 1
		for j < len(lines) && strings.TrimSpace(lines[j]) == "" {
			j++
		}
		if j < len(lines) && strings.HasPrefix(lines[j], "```") {
			for j++; j < len(lines) && !strings.HasPrefix(lines[j], "```"); j++ {
			}
			i = j
		}
		args := strings.Fields(m[2])
		code, stdout, stderr := iamc(t, "", args...)
		require.Contains(t, []int{0, 1}, code, "iamc %s: %s", m[2], stderr)
		out.WriteString("\n```" + m[1] + "\n")
		if m[1] == "console" {
			out.WriteString("$ iamc " + m[2] + "\n")
		}
		out.WriteString(stdout)
		out.WriteString("```\n")
	}
	require.NotZero(t, blocks, "README.md has no command output to check")
	golden.Check(t, "README.md", []byte(out.String()))
}
