package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	orgProject        = "../../testdata/analysis/org"
	escalationProject = "../../testdata/analysis/escalation"
	till              = "arn:aws:register:::till/1"
)

func TestWhoCanCommand(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := iamc(t, "", "who-can", "register:Sell", till, coffee, "--format", "json")
	require.Equal(t, 0, code, stderr)
	var res struct {
		Action  string `json:"action"`
		Allowed []struct {
			Ref string `json:"ref"`
		} `json:"allowed"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &res))
	assert.Equal(t, "register:Sell", res.Action)
	var refs []string
	for _, a := range res.Allowed {
		refs = append(refs, a.Ref)
	}
	assert.Equal(t, []string{"user.owner", "account.shop", "role.Cashier"}, refs)

	// A bundle answers as the project does.
	bundle := filepath.Join(t.TempDir(), "coffee.tar.gz")
	code, _, stderr = iamc(t, "", "build", coffee, "-o", bundle)
	require.Equal(t, 0, code, stderr)
	code, fromBundle, stderr := iamc(t, "", "who-can", "register:Sell", till, bundle, "--format", "json")
	require.Equal(t, 0, code, stderr)
	assert.JSONEq(t, stdout, fromBundle)

	// With a context, and as a graph of who reaches the resource.
	code, stdout, stderr = iamc(t, "", "who-can", "s3:GetObject", "arn:aws:s3:::logs/app/1.log", orgProject, "--context", "aws:SourceIp=10.1.2.3")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "with aws:SourceIp=10.1.2.3")
	assert.Contains(t, stdout, "account.hq (root user, long-term keys)\n")
	code, stdout, stderr = iamc(t, "", "who-can", "register:Sell", till, coffee, "--format", "mermaid")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, `-->|"register:Sell"|`)
}

func TestAnalysisCommandErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"who-can", "register:Sell"}, 2, "accepts between 2 and 3 arg(s)"},
		{[]string{"who-can", "register:Sell", till, coffee, "--format", "yaml"}, 2, "--format is pretty, json, dot, mermaid, svg"},
		{[]string{"who-can", "register:Sell", till, "../../testdata/diag/unknown-reference"}, 2, "error: Unknown reference"},
		{[]string{"who-can", "register:Sell", till, "no/such/dir"}, 2, "no/such/dir"},
		{[]string{"can", "user.nobody", coffee}, 2, `no user named "nobody"`},
		{[]string{"can", "user.employee", coffee, "--assume", "role.Cashier"}, 1, "user.employee cannot assume role.Cashier (implicit_deny)"},
		{[]string{"paths", "user.employee", "admin", coffee}, 1, ""},
		{[]string{"diff", coffee}, 2, "give OLD and NEW"},
		{[]string{"diff", coffee, coffee, "--fail-on", "sometimes"}, 2, "--fail-on is gained, lost, any or none"},
		{[]string{"graph", coffee, "--action", "register:Sell"}, 2, "give --action and --resource together"},
		{[]string{"who-can", "register:Sell", till, coffee, "--context", "novalue"}, 2, "--context takes key=value"},
	} {
		code, stdout, stderr := iamc(t, "", c.args...)
		assert.Equal(t, c.code, code, "%v: %s%s", c.args, stdout, stderr)
		assert.Contains(t, stderr, c.want, "%v", c.args)
	}
}

func TestCanCommand(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := iamc(t, "", "can", "role.Deployer", orgProject, "--access-level", "write", "--format", "json")
	require.Equal(t, 0, code, stderr)
	var res struct {
		Permissions []struct {
			Actions  []string `json:"actions"`
			Resource string   `json:"resource"`
		} `json:"permissions"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &res))
	require.Len(t, res.Permissions, 2)
	assert.Equal(t, []string{"s3:PutObject"}, res.Permissions[0].Actions)
	assert.Equal(t, "arn:aws:s3:::logs/*", res.Permissions[0].Resource)
}

func TestDiffCommand(t *testing.T) {
	t.Parallel()
	refunds := "../../testdata/analysis/coffee-refunds"
	code, stdout, stderr := iamc(t, "", "diff", coffee, refunds, "--fail-on", "gained")
	assert.Equal(t, 1, code, stderr)
	assert.Contains(t, stdout, "1 access change: 1 gained, 0 lost")
	code, _, stderr = iamc(t, "", "diff", coffee, refunds, "--fail-on", "lost")
	assert.Equal(t, 0, code, stderr)
	code, stdout, stderr = iamc(t, "", "diff", refunds, coffee, "--format", "json")
	require.Equal(t, 0, code, stderr)
	var res struct {
		Gained []any `json:"gained"`
		Lost   []struct {
			Ref     string   `json:"ref"`
			Actions []string `json:"actions"`
		} `json:"lost"`
	}
	require.NoError(t, json.Unmarshal([]byte(stdout), &res))
	assert.Empty(t, res.Gained)
	require.Len(t, res.Lost, 1)
	assert.Equal(t, "role.Cashier", res.Lost[0].Ref)
	assert.Equal(t, []string{"register:Refund"}, res.Lost[0].Actions)
}

// diff --git: the project at a revision against its working tree, in a
// repository made for the test.
func TestDiffGit(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("this test needs git")
	}
	repo := t.TempDir()
	dir := filepath.Join(repo, "policies")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	for _, name := range []string{"people.hcl", "policies.hcl", "roles.hcl", "owner.json"} {
		b, err := os.ReadFile(filepath.Join(coffee, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "coffee")
	b, err := os.ReadFile(filepath.Join(dir, "people.hcl"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "people.hcl"), []byte(strings.Replace(string(b), "user \"newbie\" {", "user \"newbie\" {\n  groups = [group.staff]", 1)), 0o644))
	code, stdout, stderr := iamc(t, "", "diff", "--git", "HEAD", dir)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "1 access change: 1 gained, 0 lost")
	assert.Contains(t, stdout, "user.newbie  menu:ViewMenu")
	code, _, stderr = iamc(t, "", "diff", "--git", "no-such-revision", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "no-such-revision")
}

func TestPathsAndGraphCommands(t *testing.T) {
	t.Parallel()
	code, stdout, stderr := iamc(t, "", "paths", "user.alice", "admin", escalationProject)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "user.alice ─create-access-key→ user.admin")
	code, stdout, stderr = iamc(t, "", "graph", escalationProject, "--escalations")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, `label="create-access-key"`)
	if _, err := exec.LookPath("dot"); err != nil {
		t.Fatal("this test renders SVG with Graphviz's dot: apt-get install graphviz (.ci/run installs it)")
	}
	code, stdout, stderr = iamc(t, "", "graph", coffee, "--format", "svg")
	require.Equal(t, 0, code, stderr)
	assert.True(t, strings.HasPrefix(stdout, "<?xml"), "an SVG document")
}

// Every analysis command's help has examples.
func TestAnalysisHelp(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"who-can", "can", "diff", "paths", "graph"} {
		code, stdout, _ := iamc(t, "", cmd, "--help")
		assert.Equal(t, 0, code)
		assert.Contains(t, stdout, "Examples:\n  iamc "+cmd, cmd)
	}
}
