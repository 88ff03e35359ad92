package main

import (
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/internal/golden"
)

// TestTestGolden runs iamc test on the suites of testdata/suites, from the
// repository root so that the reported paths read as a user sees them, and
// compares the output with the golden files beside them: a failing suite in
// every format, and suites that must not compile, whose diagnostics are
// compared instead.
func TestTestGolden(t *testing.T) {
	t.Chdir("../..")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // golden file of stdout, or of stderr when code is 2
	}{
		{"pretty", []string{"test", "testdata/suites/failing", "--no-durations"}, 1, "testdata/suites/failing/want.pretty"},
		{"verbose-coverage", []string{"test", "testdata/suites/failing", "--no-durations", "-v", "--coverage-min", "50"}, 1, "testdata/suites/failing/want-v-coverage.pretty"},
		{"json", []string{"test", "testdata/suites/failing", "--no-durations", "--format", "json", "--coverage"}, 1, "testdata/suites/failing/want.json"},
		{"junit", []string{"test", "testdata/suites/failing", "--no-durations", "--format", "junit", "--coverage-min", "50"}, 1, "testdata/suites/failing/want.junit"},
		{"bad-references", []string{"test", "testdata/suites/bad-references"}, 2, "testdata/suites/bad-references/want.diag"},
		{"bad-expectations", []string{"test", "testdata/suites/bad-expectations"}, 2, "testdata/suites/bad-expectations/want.diag"},
		{"bad-rego-syntax", []string{"test", "testdata/suites/bad-rego-syntax"}, 2, "testdata/suites/bad-rego-syntax/want.diag"},
		{"bad-rego-compile", []string{"test", "testdata/suites/bad-rego-compile"}, 2, "testdata/suites/bad-rego-compile/want.diag"},
		{"empty-suites", []string{"test", "testdata/suites/empty-suites"}, 2, "testdata/suites/empty-suites/want.diag"},
		{"no-tests", []string{"test", "testdata/suites/no-tests"}, 2, "testdata/suites/no-tests/want.diag"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := iamc(t, "", tc.args...)
			assert.Equal(t, tc.code, code, "stderr: %s", stderr)
			if tc.code == 2 {
				assert.Empty(t, stdout, "no report when a suite does not compile")
				golden.Check(t, tc.want, []byte(stderr))
				return
			}
			golden.Check(t, tc.want, []byte(stdout))
		})
	}
}

// The JSON and JUnit reports are well-formed, and say the same as the
// pretty one.
func TestTestFormatsParse(t *testing.T) {
	dir := "../../testdata/suites/failing"
	code, stdout, _ := iamc(t, "", "test", dir, "--format", "json", "--coverage")
	require.Equal(t, 1, code)
	var doc struct {
		Summary struct{ Passed, Failed, Skipped, Total int }
		Tests   []struct {
			Name, Kind, File string
			Line             int
			Passed           bool
			Failures         []string
			DurationMS       *float64 `json:"duration_ms"`
		}
		Coverage struct{ Covered, Total int }
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc))
	assert.Equal(t, 3, doc.Summary.Passed)
	assert.Equal(t, 6, doc.Summary.Failed)
	assert.Equal(t, 1, doc.Summary.Skipped)
	assert.Equal(t, 10, doc.Summary.Total)
	require.Len(t, doc.Tests, 10)
	for _, tt := range doc.Tests {
		assert.True(t, strings.HasPrefix(tt.File, dir+"/"), tt.File)
		assert.Positive(t, tt.Line)
		assert.Equal(t, !tt.Passed && tt.Name != "data.bakery_test.todo_test_apprentice_training", len(tt.Failures) > 0, tt.Name)
		assert.NotNil(t, tt.DurationMS, "durations are on by default")
	}
	assert.Equal(t, 7, doc.Coverage.Total)

	code, stdout, _ = iamc(t, "", "test", dir, "--format", "junit")
	require.Equal(t, 1, code)
	var suites struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Skipped  int `xml:"skipped,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Time    string `xml:"time,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	require.NoError(t, xml.Unmarshal([]byte(stdout), &suites))
	assert.Equal(t, 10, suites.Tests)
	assert.Equal(t, 6, suites.Failures)
	assert.Equal(t, 1, suites.Skipped)
	require.Len(t, suites.Suites, 2)
	assert.Equal(t, dir+"/bakery_test.hcl", suites.Suites[0].Name)
	for _, c := range suites.Suites[0].Cases {
		assert.NotEmpty(t, c.Time)
		if c.Failure != nil {
			assert.Contains(t, c.Failure.Text, "layers", "the failure carries the explanation")
		}
	}
}

// Every example's suite passes; the coffee shop's covers every statement.
func TestTestExamples(t *testing.T) {
	dirs, err := filepath.Glob("../../examples/*")
	require.NoError(t, err)
	n := 0
	for _, dir := range dirs {
		tests, _ := filepath.Glob(filepath.Join(dir, "*_test.hcl"))
		if len(tests) == 0 {
			continue
		}
		n++
		t.Run(filepath.Base(dir), func(t *testing.T) {
			args := []string{"test", dir, "--coverage"}
			if filepath.Base(dir) == "coffee-shop" {
				args = append(args, "--coverage-min", "100")
			}
			code, stdout, stderr := iamc(t, "", args...)
			assert.Equal(t, 0, code, "%s%s", stdout, stderr)
			assert.Regexp(t, `(?m)^\d+ passed, 0 failed$`, stdout)
		})
	}
	require.Positive(t, n, "no example has tests")
}

// The exit status: 1 for a failed test or too little coverage, 2 for a bad
// command line.
func TestTestExitStatus(t *testing.T) {
	failing := "../../testdata/suites/failing"
	code, stdout, _ := iamc(t, "", "test", failing, "--run", "^the baker bakes$")
	assert.Equal(t, 0, code)
	assert.Equal(t, "1 passed, 0 failed\n", lastLine(stdout))

	code, stdout, stderr := iamc(t, "", "test", failing, "--run", "^the baker bakes$", "--coverage-min", "80")
	assert.Equal(t, 1, code, "every test passed, but the coverage is too low")
	assert.Contains(t, stdout, "below the minimum of 80%")
	assert.Contains(t, stderr, "coverage 14.3% is below --coverage-min 80%")

	code, stdout, _ = iamc(t, "", "test", failing, "--run", "test_baker_bakes")
	assert.Equal(t, 0, code, "--run selects Rego tests by their full name")
	assert.Equal(t, "1 passed, 0 failed\n", lastLine(stdout))

	for name, args := range map[string][]string{
		"bad format":        {"test", failing, "--format", "tap"},
		"bad regexp":        {"test", failing, "--run", "("},
		"matches nothing":   {"test", failing, "--run", "^no such test$"},
		"coverage over 100": {"test", failing, "--coverage-min", "150"},
		"no directory":      {"test", "../../testdata/suites/nope"},
	} {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := iamc(t, "", args...)
			assert.Equal(t, 2, code, stderr)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, "iamc: ")
		})
	}
}

func lastLine(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return s[strings.LastIndex(s, "\n")+1:] + "\n"
}
