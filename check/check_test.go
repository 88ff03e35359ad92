package check_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/check"
	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/schema"
)

func project(files map[string]string) fstest.MapFS {
	fs := fstest.MapFS{}
	for name, src := range files {
		fs[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fs
}

const attached = `user "u" { policies = [policy.p] }` + "\n"

func stmt(body string) string {
	return attached + "policy \"p\" {\n  statement {\n" + body + "\n  }\n}\n"
}

// TestCompilerCodes: the compiler's diagnostics reach check with their
// codes. Each case is a project with the mistake, and one without it.
func TestCompilerCodes(t *testing.T) {
	cases := []struct {
		code      schema.Code
		bad, good map[string]string
	}{
		{"SYNTAX_ERROR", map[string]string{"main.hcl": `user "u" {`}, map[string]string{"main.hcl": `user "u" {}`}},
		{"SYNTAX_ERROR", map[string]string{"main.hcl": `policy "p" { document = file("p.json") }` + "\n" + attached, "p.json": `{"Statement": [}`},
			map[string]string{"main.hcl": `policy "p" { document = file("p.json") }` + "\n" + attached, "p.json": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`}},
		{"INVALID_HCL", map[string]string{"main.hcl": stmt(`actions = [nosuchfunc("x")]` + "\n" + `resources = ["*"]`)},
			map[string]string{"main.hcl": stmt(`actions = [lower("S3:GetObject")]` + "\n" + `resources = ["*"]`)}},
		{"INVALID_POLICY_ELEMENT", map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resource = ["*"]`)},
			map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]`)}},
		{"DATA_TYPE_MISMATCH", map[string]string{"main.hcl": stmt(`actions = "s3:GetObject"` + "\n" + `resources = ["*"]`)},
			map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]`)}},
		{"INVALID_VERSION", map[string]string{"main.hcl": attached + `policy "p" {
  version = "2020-01-01"
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}`}, map[string]string{"main.hcl": attached + `policy "p" {
  version = "2012-10-17"
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}`}},
		{"INVALID_EFFECT", map[string]string{"main.hcl": stmt(`effect = "allow"` + "\n" + `actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]`)},
			map[string]string{"main.hcl": stmt(`effect = "Allow"` + "\n" + `actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]`)}},
		{"MISSING_ACTION", map[string]string{"main.hcl": stmt(`resources = ["*"]`)},
			map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]`)}},
		{"MISSING_RESOURCE", map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]`)},
			map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]`)}},
		{"UNSUPPORTED_ELEMENT_COMBINATION", map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `not_actions = ["s3:PutObject"]` + "\n" + `resources = ["*"]`)},
			map[string]string{"main.hcl": stmt(`not_actions = ["s3:PutObject"]` + "\n" + `resources = ["arn:aws:s3:::b/*"]`)}},
		{"UNSUPPORTED_PRINCIPAL", map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]` + "\n" + `principals {
  type        = "AWS"
  identifiers = ["123456789012"]
}`)}, map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]`)}},
		{"UNSUPPORTED_WILDCARD_IN_PRINCIPAL", map[string]string{"main.hcl": `resource "b" {
  arn = "arn:aws:s3:::b"
  policy {
    statement {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/*"]
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::123456789012:user/al*"]
      }
    }
  }
}`}, map[string]string{"main.hcl": `resource "b" {
  arn = "arn:aws:s3:::b"
  policy {
    statement {
      actions   = ["s3:GetObject"]
      resources = ["arn:aws:s3:::b/*"]
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::123456789012:root"]
      }
    }
  }
}`}},
		{"INVALID_ACTION", map[string]string{"main.hcl": stmt(`actions = ["s3*:GetObject"]` + "\n" + `resources = ["*"]`)},
			map[string]string{"main.hcl": stmt(`actions = ["s3:Get*"]` + "\n" + `resources = ["*"]`)}},
		{"INVALID_CONDITION_OPERATOR", map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]` + "\n" + `condition {
  test     = "StringEqual"
  variable = "aws:username"
  values   = ["bob"]
}`)}, map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]` + "\n" + `condition {
  test     = "StringEquals"
  variable = "aws:username"
  values   = ["bob"]
}`)}},
		{"NULL_WITH_IF_EXISTS", map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]` + "\n" + `condition {
  test     = "NullIfExists"
  variable = "aws:username"
  values   = ["false"]
}`)}, map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]` + "\n" + `condition {
  test     = "Null"
  variable = "aws:username"
  values   = ["false"]
}`)}},
		{"INVALID_CONDITION_DATA_TYPE", map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]` + "\n" + `condition {
  test     = "NumericLessThan"
  variable = "aws:MultiFactorAuthAge"
  values   = ["an hour"]
}`)}, map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]` + "\n" + `condition {
  test     = "NumericLessThan"
  variable = "aws:MultiFactorAuthAge"
  values   = ["3600"]
}`)}},
		{"MISSING_QUALIFIER", map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]` + "\n" + `condition {
  test     = "StringEquals"
  variable = "aws:TagKeys"
  values   = ["team"]
}`)}, map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]` + "\n" + `condition {
  test     = "ForAnyValue:StringEquals"
  variable = "aws:TagKeys"
  values   = ["team"]
}`)}},
		{"INVALID_VARIABLE", map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["arn:aws:s3:::$${aws:username"]`)},
			map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["arn:aws:s3:::home/$${aws:username}/*"]`)}},
		{"UNIQUE_SIDS_REQUIRED", map[string]string{"main.hcl": attached + `policy "p" {
  statement "A" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement "A" {
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}`}, map[string]string{"main.hcl": attached + `policy "p" {
  statement "A" {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement "B" {
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}`}},
		{"UNSUPPORTED_SID", map[string]string{"main.hcl": stmt(`sid = "read-all"` + "\n" + `actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]`)},
			map[string]string{"main.hcl": stmt(`sid = "ReadAll"` + "\n" + `actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]`)}},
		{"INVALID_CHARACTER", map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["arn:aws:s3:::b/✓"]`)},
			map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["arn:aws:s3:::b/é"]`)}},
		{"INVALID_REFERENCE", map[string]string{"main.hcl": `user "u" { policies = [policy.q] }` + "\n" + `policy "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}`}, map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]`)}},
		{"DUPLICATE_DECLARATION", map[string]string{"main.hcl": `user "u" {}` + "\n" + `user "u" {}`}, map[string]string{"main.hcl": `user "u" {}` + "\n" + `user "v" {}`}},
		{"INVALID_NAME", map[string]string{"main.hcl": `user "bad name" {}`}, map[string]string{"main.hcl": `user "good.name" {}`}},
		{"INVALID_ORGANIZATION", map[string]string{"main.hcl": `unit "a" { parent = unit.b }` + "\n" + `unit "b" { parent = unit.a }`},
			map[string]string{"main.hcl": `organization "o" {}` + "\n" + `unit "a" { parent = organization.o }` + "\n" + `unit "b" { parent = unit.a }`}},
		{"MISSING_ATTRIBUTE", map[string]string{"main.hcl": `resource "r" {}`}, map[string]string{"main.hcl": `resource "r" { arn = "arn:aws:s3:::r" }`}},
		{"INVALID_ATTRIBUTE_VALUE", map[string]string{"main.hcl": `role "r" { max_session_duration = "13h" }`}, map[string]string{"main.hcl": `role "r" { max_session_duration = "12h" }`}},
		{"CANNOT_READ", map[string]string{"README.md": "no policies here"}, map[string]string{"main.hcl": `user "u" {}`}},
		{"ACTION_MATCHES_NOTHING", map[string]string{"main.hcl": `service "till" { actions = ["Sell"] }` + "\n" + stmt(`actions = ["till:Open*"]`+"\n"+`resources = ["*"]`)},
			map[string]string{"main.hcl": `service "till" { actions = ["Sell"] }` + "\n" + stmt(`actions = ["till:S*"]`+"\n"+`resources = ["*"]`)}},
		{"FORANYVALUE_WITH_SINGLE_VALUED_KEY", map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]` + "\n" + `condition {
  test     = "ForAnyValue:StringEquals"
  variable = "aws:username"
  values   = ["bob"]
}`)}, map[string]string{"main.hcl": stmt(`actions = ["s3:GetObject"]` + "\n" + `resources = ["*"]` + "\n" + `condition {
  test     = "StringEquals"
  variable = "aws:username"
  values   = ["bob"]
}`)}},
	}
	for _, c := range cases {
		t.Run(string(c.code), func(t *testing.T) {
			bad := check.RunFS(project(c.bad))
			assert.Contains(t, codes(bad), c.code, "%s", render(t, bad, "pretty"))
			good := check.RunFS(project(c.good))
			assert.NotContains(t, codes(good), c.code, "%s", render(t, good, "pretty"))
			for _, f := range append(bad.Findings, good.Findings...) {
				rule, ok := check.RuleFor(f.Code)
				require.True(t, ok, f.Code)
				if f.Severity != check.Error {
					assert.Equal(t, rule.Severity, f.Severity, "%s has its rule's severity", f.Code)
				}
				assert.NotEmpty(t, f.Hint, f.Code)
			}
		})
	}
}

// TestEveryDiagnosticHasACode: every diagnostic that the projects of the
// repository produce (the golden cases of testdata/diag, testdata/check and
// testdata/compile, the examples) carries the code it was made with, and
// check knows that code. The fuzz targets hold every input to the same.
func TestEveryDiagnosticHasACode(t *testing.T) {
	var dirs []string
	for _, pattern := range []string{"../testdata/diag/*", "../testdata/check/*/*", "../testdata/check/_demo", "../testdata/compile/*", "../examples/*"} {
		m, err := filepath.Glob(pattern)
		require.NoError(t, err)
		require.NotEmpty(t, m, pattern)
		dirs = append(dirs, m...)
	}
	seen := 0
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		_, _, diags := compiler.Build(dir)
		for _, d := range diags {
			seen++
			code := schema.CodeOf(d)
			if assert.NotEmpty(t, code, "%s: diagnostic %q has no code", dir, d.Summary) {
				_, known := check.RuleFor(code)
				assert.True(t, known, "%s: diagnostic %q has code %s, which no rule lists", dir, d.Summary, code)
			}
		}
	}
	require.Greater(t, seen, 40, "the golden cases produce diagnostics")
	t.Logf("%d diagnostics of %d projects", seen, len(dirs))
}

// TestSARIF checks the SARIF output against what SARIF 2.1.0 requires of
// the parts iamc writes (§3.13 sarifLog, §3.14 run, §3.19 toolComponent,
// §3.27 result, §3.30 region) and what code-scanning services read.
func TestSARIF(t *testing.T) {
	r := check.Run("../testdata/check/arn-segment-not-allowed/bad")
	var doc map[string]any
	require.NoError(t, json.Unmarshal(render(t, r, "sarif"), &doc))
	assert.Equal(t, "2.1.0", doc["version"])
	runs := doc["runs"].([]any)
	require.Len(t, runs, 1)
	run := runs[0].(map[string]any)
	driver := run["tool"].(map[string]any)["driver"].(map[string]any)
	assert.Equal(t, "iamc", driver["name"])
	rules := driver["rules"].([]any)
	ids := map[string]int{}
	for i, x := range rules {
		rule := x.(map[string]any)
		id := rule["id"].(string)
		_, dup := ids[id]
		assert.False(t, dup, "rule ids are unique: %s", id)
		ids[id] = i
		assert.NotEmpty(t, rule["shortDescription"].(map[string]any)["text"])
		assert.Contains(t, []string{"error", "warning", "note"}, rule["defaultConfiguration"].(map[string]any)["level"])
	}
	results := run["results"].([]any)
	require.Len(t, results, len(r.Findings))
	for _, x := range results {
		res := x.(map[string]any)
		id := res["ruleId"].(string)
		assert.Equal(t, float64(ids[id]), res["ruleIndex"], "ruleIndex points at the rule")
		assert.Contains(t, []string{"none", "note", "warning", "error"}, res["level"])
		assert.NotEmpty(t, res["message"].(map[string]any)["text"])
		loc := res["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)
		uri := loc["artifactLocation"].(map[string]any)["uri"].(string)
		assert.Equal(t, "../testdata/check/arn-segment-not-allowed/bad/main.hcl", uri)
		reg := loc["region"].(map[string]any)
		assert.GreaterOrEqual(t, reg["startLine"], float64(1))
		assert.GreaterOrEqual(t, reg["startColumn"], float64(1))
		assert.GreaterOrEqual(t, reg["endColumn"], reg["startColumn"])
	}
	// Security warnings carry a security-severity for code scanning.
	rule := rules[ids["PASS_ROLE_WITH_STAR_IN_RESOURCE"]].(map[string]any)
	assert.Equal(t, "7.5", rule["properties"].(map[string]any)["security-severity"])
}

func TestParseSeverity(t *testing.T) {
	for in, want := range map[string]check.Severity{
		"error": check.Error, "security_warning": check.SecurityWarning, "security-warning": check.SecurityWarning,
		"Warning": check.Warning, "suggestion": check.Suggestion,
	} {
		got, err := check.ParseSeverity(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := check.ParseSeverity("fatal")
	assert.Error(t, err)
	assert.True(t, check.Suggestion < check.Warning && check.Warning < check.SecurityWarning && check.SecurityWarning < check.Error)
}

var codeRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]+$`)

func TestRules(t *testing.T) {
	for _, r := range check.Rules() {
		assert.Regexp(t, codeRE, r.Code)
		assert.NotEmpty(t, r.Title, r.Code)
		assert.NotEmpty(t, r.Hint, r.Code)
		assert.NotContains(t, r.Hint, "\n", r.Code)
		assert.NotZero(t, r.Severity, r.Code)
	}
}

// TestSuppressedOutputs: excused findings keep their reason in JSON and are
// SARIF results marked suppressed in source; findings on AWS managed
// policies are apart from the project's, in JSON only.
func TestSuppressedOutputs(t *testing.T) {
	r := check.Run("../testdata/check/unused-suppression/good")
	require.Empty(t, r.Findings)
	require.Len(t, r.Suppressed, 2)
	var doc struct {
		Suppressed []struct {
			Code   string `json:"code"`
			Reason string `json:"reason"`
		} `json:"suppressed"`
	}
	require.NoError(t, json.Unmarshal(render(t, r, "json"), &doc))
	require.Len(t, doc.Suppressed, 2)
	reasons := map[string]string{}
	for _, s := range doc.Suppressed {
		reasons[s.Code] = s.Reason
	}
	assert.Equal(t, "the list mirrors the runbook, step by step", reasons["REDUNDANT_ACTION"])
	assert.Equal(t, "policies are attached by the pipeline", reasons["UNATTACHED_POLICY"])

	var log struct {
		Runs []struct {
			Results []struct {
				RuleID       string `json:"ruleId"`
				Suppressions []struct {
					Kind          string `json:"kind"`
					Justification string `json:"justification"`
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	require.NoError(t, json.Unmarshal(render(t, r, "sarif"), &log))
	require.Len(t, log.Runs[0].Results, 2)
	for _, res := range log.Runs[0].Results {
		require.Len(t, res.Suppressions, 1, res.RuleID)
		assert.Equal(t, "inSource", res.Suppressions[0].Kind)
		assert.Equal(t, reasons[res.RuleID], res.Suppressions[0].Justification)
	}

	aws := check.Run("../examples/northwind")
	assert.Empty(t, aws.Findings, "%s", render(t, aws, "pretty"))
	assert.Equal(t, 3, aws.AWS.Policies, "AdministratorAccess, PowerUserAccess, ReadOnlyAccess")
	require.NotEmpty(t, aws.AWS.Findings)
	var j struct {
		Findings   []any `json:"findings"`
		AWSManaged struct {
			Policies int `json:"policies"`
			Findings []struct {
				Policy string `json:"policy"`
			} `json:"findings"`
		} `json:"aws_managed"`
	}
	require.NoError(t, json.Unmarshal(render(t, aws, "json"), &j))
	assert.Empty(t, j.Findings)
	assert.Equal(t, 3, j.AWSManaged.Policies)
	assert.Len(t, j.AWSManaged.Findings, len(aws.AWS.Findings))
	for _, f := range j.AWSManaged.Findings {
		assert.Contains(t, []string{"aws_policy.AdministratorAccess", "aws_policy.PowerUserAccess", "aws_policy.ReadOnlyAccess"}, f.Policy)
	}
	assert.NotContains(t, string(render(t, aws, "sarif")), "aws_policy.", "SARIF shows what the project can fix")
}
