package main

import (
	"fmt"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/open-policy-agent/opa/v1/version"
	"github.com/spf13/cobra"

	"github.com/iamc/iamc/catalog"
)

func newVersionCmd(s *streams) *cobra.Command {
	var notices bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the versions of iamc, of the OPA it embeds and of its AWS catalog",
		Long: `Version prints iamc's version (a release tag, or "devel" with the commit it
was built from, "modified" when the tree had uncommitted changes), the version
of OPA whose engine it embeds (an OPA sidecar of the same version decides
exactly as iamc does), the versions of the AWS data of its service catalog,
and the Go toolchain. iamc --version prints the same.

--notices prints the license notices of the AWS data iamc embeds (the npm
packages its service catalog and AWS managed policies come from).`,
		Example: `  iamc version
  iamc version --notices`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			text := versionText()
			if notices {
				text = catalog.Notices()
			}
			_, err := fmt.Fprint(s.out, text)
			return err
		},
	}
	cmd.Flags().BoolVar(&notices, "notices", false, "print the license notices of the embedded AWS data")
	return cmd
}

// versionText describes this build, one line each: iamc, OPA, the AWS
// catalog, Go.
func versionText() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return fmt.Sprintf("iamc %s\nOPA v%s\nAWS catalog %s\n%s %s/%s\n",
		iamcVersion(bi), version.Version, catalog.Version(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// pseudoVersion matches the version the go command gives a build that is
// not at a release tag: v0.0.0-20261129114535-f99bc39b5ea1, with +dirty
// when the tree was modified.
var pseudoVersion = regexp.MustCompile(`\d{14}-[0-9a-f]{12}(\+dirty)?$`)

// iamcVersion is the release tag iamc was built at, or "devel" with the
// commit and whether the tree was modified.
func iamcVersion(bi *debug.BuildInfo) string {
	if bi == nil {
		return "devel"
	}
	v := bi.Main.Version
	if v != "" && v != "(devel)" && !pseudoVersion.MatchString(v) && !strings.HasSuffix(v, "+dirty") {
		return v
	}
	var rev, at string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		if v != "" && v != "(devel)" {
			return "devel " + v // a module build of a commit: its pseudo-version
		}
		return "devel"
	}
	out := "devel " + rev[:min(12, len(rev))]
	if at != "" {
		out += " " + at
	}
	if modified {
		out += ", modified"
	}
	return out
}
