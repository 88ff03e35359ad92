package importer_test

import (
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/importer"
	"github.com/iamc/iamc/internal/golden"
)

const (
	cliReference = "../testdata/import/cli-reference"
	orgFixture   = "../testdata/import/org"
)

// orgAuthz are the authorization details of the organization fixture: the
// management and prod accounts in the AWS CLI's form, dev in the API's
// form (URL-encoded documents) in two pages, an account without IAM
// entities, and a contractor's account outside the organization.
func orgAuthz(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join(orgFixture, "authz", "*.json"))
	require.NoError(t, err)
	require.Len(t, files, 6)
	return files
}

func generate(t testing.TB, opts importer.Options) *importer.Report {
	t.Helper()
	r, err := importer.Generate(context.Background(), opts)
	require.NoError(t, err)
	return r
}

// checkTree compares the generated files with a golden directory: the same
// names, the same bytes. With -update it rewrites the directory.
func checkTree(t *testing.T, want string, files map[string][]byte) {
	t.Helper()
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		require.NoError(t, os.RemoveAll(want))
	}
	var names []string
	for name, data := range files {
		names = append(names, name)
		path := filepath.Join(want, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		golden.Check(t, path, data)
	}
	var have []string
	require.NoError(t, filepath.WalkDir(want, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(want, p)
			have = append(have, filepath.ToSlash(rel))
		}
		return err
	}))
	sort.Strings(names)
	sort.Strings(have)
	assert.Equal(t, have, names, "the files of %s", want)
}

// TestGolden compares the generated projects with golden directories:
// the AWS CLI reference's example, and the organization in both layouts
// and both forms of documents.
func TestGolden(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		opts importer.Options
	}{
		{"cli-reference", importer.Options{Authz: []string{filepath.Join(cliReference, "authz.json")}}},
		{"org", importer.Options{Authz: orgAuthz(t), OrgDir: filepath.Join(orgFixture, "organizations")}},
		{"org-kind-json", importer.Options{Authz: orgAuthz(t), OrgDir: filepath.Join(orgFixture, "organizations"),
			Split: importer.SplitKind, Documents: importer.DocumentsJSON}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r := generate(t, c.opts)
			checkTree(t, filepath.Join("../testdata/import/want", c.name), r.Files)
		})
	}
}

// The summary of the organization counts what each account holds and says
// what the export cannot.
func TestSummary(t *testing.T) {
	t.Parallel()
	r := generate(t, importer.Options{Authz: orgAuthz(t), OrgDir: filepath.Join(orgFixture, "organizations")})
	s := r.Summary
	require.NotNil(t, s.Organization)
	assert.Equal(t, importer.OrgSummary{ID: "o-acme4x7k2p", Units: 4, Accounts: 5, SCPs: 4, RCPs: 1, SCPEnabled: true, RCPEnabled: true}, *s.Organization)
	byLabel := map[string]importer.AccountSummary{}
	for _, a := range s.Accounts {
		byLabel[a.Label] = a
	}
	assert.Equal(t, importer.AccountSummary{ID: "222222222222", Label: "prod", Users: 1, Roles: 4, ServiceLinked: 1, Policies: 3, Inline: 2, HasIAM: true}, byLabel["prod"])
	assert.Equal(t, importer.AccountSummary{ID: "333333333333", Label: "dev", Users: 1, Groups: 1, Roles: 2, Inline: 2, HasIAM: true}, byLabel["dev"])
	assert.Equal(t, importer.AccountSummary{ID: "444444444444", Label: "security_audit", HasIAM: true}, byLabel["security_audit"], "the empty account")
	assert.Equal(t, importer.AccountSummary{ID: "555555555555", Label: "sandbox"}, byLabel["sandbox"], "no authorization details")
	assert.Equal(t, 5, s.AWSManaged)
	assert.Equal(t, 1, s.AWSSupplied, "AmazonS3ReadOnlyAccess v1")
	assert.Equal(t, 19, s.HCLDocuments)
	assert.Equal(t, 1, s.JSONDocuments, "legacy-metrics has no Version")
	assert.Equal(t, []importer.Skipped{{What: "1 instance profile(s)", Why: "iamc does not model instance profiles; the roles they hold are imported"}}, s.Skipped)
	assert.Contains(t, s.Notes, "resource-based policies (bucket, queue, topic, key and other resource policies) are not in the authorization details: the project has none; add resource blocks for those that matter")
	assert.Contains(t, s.Notes, "accounts/prod/policies/legacy-metrics.json kept as JSON: no Version element, under which policy variables are plain text; statement blocks always have a version")
	assert.Contains(t, s.Notes, "account account_777777777777 (777777777777) is not in the organization's listings: it is standalone, and no SCP applies to it")
	assert.Contains(t, s.Notes, "the export's default version of arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess (v1) differs from iamc's copy (v3); the project supplies the export's")
	for _, n := range s.Notes {
		assert.NotContains(t, n, "IsTruncated", "dev's two pages make one complete export")
	}

	ref := generate(t, importer.Options{Authz: []string{filepath.Join(cliReference, "authz.json")}})
	assert.Contains(t, ref.Summary.Notes, "../testdata/import/cli-reference/authz.json say IsTruncated: the export of account 123456789012 is incomplete; run aws iam get-account-authorization-details without --max-items or --no-paginate")
}
