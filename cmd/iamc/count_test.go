package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/server"
)

// TestStatementCounts: every place iamc reports how many statements a
// project has reports the same number, compiler.StatementCount: iamc
// build's summary, the bundle manifest, iamc serve's /status, iamc check's
// summary and iamc test --coverage's total. The FullAWSAccess SCP iamc
// adds to a level of an organization without SCPs is not the project's.
func TestStatementCounts(t *testing.T) {
	// The coffee shop writes 7 statements: owner.json's one, four in
	// policies.hcl, a trust statement in each of the two roles. The
	// organization writes 3, in two SCPs; its unit has none attached, so
	// the bundle holds a FullAWSAccess statement too.
	want := map[string]int{coffee: 7, "../../testdata/compile/organization": 3}
	for _, dir := range []string{"../../testdata/compile/basic", "../../testdata/compile/conditions", "../../testdata/compile/vpc-endpoint",
		"../../testdata/check/_demo", "../../testdata/conformance/s3-3-organizations/full-aws-access-default",
		"../../testdata/conformance/s3-3-organizations/scp-levels", "../../testdata/eval/ci"} {
		want[dir] = -1 // the same in every report
	}
	summary := regexp.MustCompile(`: (\d+) statements?, `)
	checked := regexp.MustCompile(`, (\d+) statements? checked\)`)
	coverage := regexp.MustCompile(`coverage: \d+ of (\d+) statements? `)
	for dir, n := range want {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			counts := map[string]int{}
			bundle := filepath.Join(t.TempDir(), "b.tar.gz")
			code, _, stderr := iamc(t, "", "build", dir, "-o", bundle)
			require.Equal(t, 0, code, stderr)
			counts["iamc build"] = atoi(t, summary, stderr)
			counts["the manifest"] = manifestStatements(t, bundle)

			srv, err := server.New(server.Config{Dir: dir, Log: io.Discard})
			require.NoError(t, err)
			counts["/status"] = srv.Status().Statements

			_, stdout, stderr := iamc(t, "", "check", dir, "--fail-on", "none")
			counts["iamc check"] = atoi(t, checked, stdout+stderr)

			if tests, _ := filepath.Glob(filepath.Join(dir, "*_test.hcl")); len(tests) > 0 {
				_, stdout, stderr := iamc(t, "", "test", dir, "--coverage", "--no-durations")
				counts["iamc test --coverage"] = atoi(t, coverage, stdout+stderr)
			}
			first := counts["iamc build"]
			if n >= 0 {
				assert.Equal(t, n, first, "iamc build")
			}
			for where, c := range counts {
				assert.Equal(t, first, c, "%s says %d statements, iamc build %d", where, c, first)
			}
		})
	}
}

func atoi(t *testing.T, re *regexp.Regexp, s string) int {
	t.Helper()
	m := re.FindStringSubmatch(s)
	require.NotNil(t, m, "%s not in:\n%s", re, s)
	n, err := strconv.Atoi(m[1])
	require.NoError(t, err)
	return n
}

// manifestStatements reads the statement count of a bundle's manifest.
func manifestStatements(t *testing.T, bundle string) int {
	t.Helper()
	f, err := os.Open(bundle)
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		require.NoError(t, err, "no .manifest in the bundle")
		if filepath.Base(h.Name) != ".manifest" {
			continue
		}
		var m struct {
			Metadata struct {
				Statements int `json:"statements"`
			} `json:"metadata"`
		}
		require.NoError(t, json.NewDecoder(tr).Decode(&m))
		return m.Metadata.Statements
	}
}
