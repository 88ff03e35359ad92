package importer_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/importer"
)

// copyOrg copies the organization listings of the fixture, lets edit change
// them, and imports them alone.
func importOrg(t *testing.T, edit func(dir string)) error {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(orgFixture, "organizations")
	entries, err := os.ReadDir(src)
	require.NoError(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644))
	}
	edit(dir)
	_, err = importer.Generate(context.Background(), importer.Options{OrgDir: dir})
	return err
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, b, 0o644))
}

// Listings that are missing or do not agree are reported with the command
// that writes them.
func TestOrgErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		edit func(t *testing.T, dir string)
		want []string
	}{
		{"a unit's accounts are missing", func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, "list-accounts-for-parent.ou-ac12-dev00001.json")))
		}, []string{"list-accounts-for-parent.ou-ac12-dev00001.json: is missing; write it with: aws organizations list-accounts-for-parent --parent-id ou-ac12-dev00001 > list-accounts-for-parent.ou-ac12-dev00001.json"}},
		{"a policy's targets are missing", func(t *testing.T, dir string) {
			require.NoError(t, os.Remove(filepath.Join(dir, "list-targets-for-policy.p-regionlk01.json")))
		}, []string{"list-targets-for-policy.p-regionlk01.json: is missing; write it with: aws organizations list-targets-for-policy --policy-id p-regionlk01 > list-targets-for-policy.p-regionlk01.json"}},
		{"a target outside the listings", func(t *testing.T, dir string) {
			writeJSON(t, filepath.Join(dir, "list-targets-for-policy.p-regionlk01.json"), map[string]any{"Targets": []any{
				map[string]any{"TargetId": "ou-ac12-gone0001", "Type": "ORGANIZATIONAL_UNIT"}}})
		}, []string{"list-targets-for-policy.p-regionlk01.json:1:25: $.Targets[0].TargetId: organizational_unit ou-ac12-gone0001 is not in the organization's listings (list-organizational-units-for-parent, list-accounts-for-parent)"}},
		{"a description of another policy", func(t *testing.T, dir string) {
			b, err := os.ReadFile(filepath.Join(dir, "describe-policy.p-denyleave01.json"))
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(filepath.Join(dir, "describe-policy.p-regionlk01.json"), b, 0o644))
		}, []string{"describe-policy.p-regionlk01.json:4:19: $.Policy.PolicySummary.Id: is \"p-denyleave01\"; this file describes policy p-regionlk01"}},
		{"the wrong command's output", func(t *testing.T, dir string) {
			writeJSON(t, filepath.Join(dir, "describe-organization.json"), map[string]any{"Roots": []any{}})
		}, []string{"describe-organization.json:1:1: $.Organization: is missing: this is not the output of aws organizations describe-organization"}},
		{"a level without an SCP", func(t *testing.T, dir string) {
			var v map[string][]map[string]any
			b, err := os.ReadFile(filepath.Join(dir, "list-targets-for-policy.p-FullAWSAccess.json"))
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(b, &v))
			var keep []map[string]any
			for _, tgt := range v["Targets"] {
				if tgt["TargetId"] != "555555555555" {
					keep = append(keep, tgt)
				}
			}
			writeJSON(t, filepath.Join(dir, "list-targets-for-policy.p-FullAWSAccess.json"), map[string]any{"Targets": keep})
		}, []string{"…: no SCP is attached to account 555555555555, and AWS keeps at least one attached to every root, unit and account: the listings (list-targets-for-policy) are incomplete"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := importOrg(t, func(dir string) { c.edit(t, dir) })
			got := inputErrors(t, err)
			// A mistake of the directory as a whole is named by the
			// directory: "…" stands for it.
			for i, w := range c.want {
				if rest, ok := strings.CutPrefix(w, "…"); ok && i < len(got) && strings.HasSuffix(got[i], rest) {
					got[i] = w
				}
			}
			assert.Equal(t, c.want, got)
		})
	}
}

// TestOrgCLIReference imports the AWS CLI reference's examples of the
// Organizations commands (testdata/import/cli-reference/organizations),
// fixing one reported mistake at a time as a user would.
func TestOrgCLIReference(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join(cliReference, "organizations"))))
	run := func() []string {
		_, err := importer.Generate(context.Background(), importer.Options{OrgDir: dir})
		return inputErrors(t, err)
	}
	// The example as printed: a '}' is missing.
	assert.Equal(t, []string{`describe-organization.json:13:5: not valid JSON: unexpected ']'; expected ',' or '}'`}, run())

	// With the '}': the units have no Id, and the root's accounts were not
	// listed.
	b, err := os.ReadFile(filepath.Join(dir, "describe-organization.json"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "describe-organization.json"),
		[]byte(strings.Replace(string(b), "\"SERVICE_CONTROL_POLICY\"\n    ]", "\"SERVICE_CONTROL_POLICY\"\n      }\n    ]", 1)), 0o644))
	assert.Equal(t, []string{
		`list-organizational-units-for-parent.r-examplerootid111.json:3:3: $.OrganizationalUnits[0].Id: is missing; every entry has it`,
		`list-organizational-units-for-parent.r-examplerootid111.json:7:3: $.OrganizationalUnits[1].Id: is missing; every entry has it`,
		`list-accounts-for-parent.r-examplerootid111.json: is missing; write it with: aws organizations list-accounts-for-parent --parent-id r-examplerootid111 > list-accounts-for-parent.r-examplerootid111.json`,
	}, run())

	// With the units' IDs, as the command prints them, and the listings of
	// the root and the units: the accounts example ends a member with a
	// comma.
	for _, parent := range []string{"ou-examplerootid111-exampleouid111", "ou-examplerootid111-exampleouid222"} {
		writeJSON(t, filepath.Join(dir, "list-organizational-units-for-parent."+parent+".json"), map[string]any{"OrganizationalUnits": []any{}})
	}
	writeJSON(t, filepath.Join(dir, "list-organizational-units-for-parent.r-examplerootid111.json"), map[string]any{"OrganizationalUnits": []any{
		map[string]any{"Id": "ou-examplerootid111-exampleouid111", "Name": "AccountingDepartment"},
		map[string]any{"Id": "ou-examplerootid111-exampleouid222", "Name": "ProductionDepartment"}}})
	writeJSON(t, filepath.Join(dir, "list-accounts-for-parent.r-examplerootid111.json"), map[string]any{"Accounts": []any{}})
	assert.Equal(t, []string{
		`list-accounts-for-parent.ou-examplerootid111-exampleouid111.json:14:5: not valid JSON: unexpected '}'; expected a member name in quotes`,
		`list-accounts-for-parent.ou-examplerootid111-exampleouid222.json: is missing; write it with: aws organizations list-accounts-for-parent --parent-id ou-examplerootid111-exampleouid222 > list-accounts-for-parent.ou-examplerootid111-exampleouid222.json`,
	}, run())
}
