package importer_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/importer"
)

// importFiles writes the given files to a temporary directory and imports
// the authorization details among them.
func importFiles(t *testing.T, files map[string]string, authz ...string) (*importer.Report, error) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for name, text := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(text), 0o644))
	}
	for _, a := range authz {
		paths = append(paths, filepath.Join(dir, a))
	}
	return importer.Generate(context.Background(), importer.Options{Authz: paths})
}

// inputErrors returns the errors rendered without the temporary directory.
func inputErrors(t *testing.T, err error) []string {
	t.Helper()
	var ie importer.InputErrors
	require.True(t, errors.As(err, &ie), "want InputErrors, got %v", err)
	var out []string
	for _, e := range ie {
		out = append(out, filepath.Base(e.File)+strings.TrimPrefix(e.Error(), e.File))
	}
	return out
}

const user = `{"UserName": "alice", "Path": "/", "Arn": "arn:aws:iam::111122223333:user/alice"}`

// Inputs that are not such exports: every mistake at its file, JSON path
// and line:column; nothing generated.
func TestInputErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		text string
		want []string
	}{
		{"not JSON", "{\n  \"UserDetailList\": [\n    {\"UserName\": \"a\",}\n  ]\n}",
			[]string{`a.json:3:22: not valid JSON: unexpected '}'; expected a member name in quotes`}},
		{"an array", `[1, 2]`,
			[]string{`a.json:1:1: $: is an array; get-account-authorization-details writes an object with UserDetailList, GroupDetailList, RoleDetailList, Policies`}},
		{"another command's output", `{"Organization": {"Id": "o-exampleorgid"}}`,
			[]string{`a.json:1:1: $: has none of UserDetailList, GroupDetailList, RoleDetailList, Policies: this is not the output of aws iam get-account-authorization-details`}},
		{"wrong types", "{\"UserDetailList\": [\n  {\"UserName\": 7, \"Arn\": \"arn:aws:iam::111122223333:user/a\"},\n  {\"UserName\": \"b\", \"Arn\": \"arn:aws:iam::111122223333:user/b\", \"GroupList\": \"admins\"}\n], \"RoleDetailList\": {\"RoleName\": []}}",
			[]string{
				`a.json:2:16: $.UserDetailList[0].UserName: is a number; expected a string`,
				`a.json:3:77: $.UserDetailList[1].GroupList: is a string; expected an array`,
				`a.json:4:35: $.RoleDetailList.RoleName: is an array; expected a string`,
				`a.json:4:22: $.RoleDetailList.Arn: is missing; every entry has it`,
			}},
		{"missing fields", `{"UserDetailList": [{"Path": "/"}], "GroupDetailList": [{"GroupName": "g", "Arn": "arn:aws:iam::111122223333:group/g", "GroupPolicyList": [{"PolicyName": "p"}]}]}`,
			[]string{
				`a.json:1:21: $.UserDetailList[0].UserName: is missing; every entry has it`,
				`a.json:1:21: $.UserDetailList[0].Arn: is missing; every entry has it`,
				`a.json:1:140: $.GroupDetailList[0].GroupPolicyList[0].PolicyDocument: is missing; expected a policy document`,
			}},
		{"an ARN that is not the entry's", `{"UserDetailList": [{"UserName": "alice", "Path": "/", "Arn": "arn:aws:iam::111122223333:user/bob"}]}`,
			[]string{`a.json:1:63: $.UserDetailList[0].Arn: "arn:aws:iam::111122223333:user/bob" does not name the user "alice" with path "/" of this entry`}},
		{"another partition", `{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws-cn:iam::111122223333:role/r", "AssumeRolePolicyDocument": {}}]}`,
			[]string{`a.json:1:46: $.RoleDetailList[0].Arn: "arn:aws-cn:iam::111122223333:role/r" is not the ARN of an IAM role (arn:aws:iam::<account>:role/<path><name>; iamc models the aws partition)`}},
		{"a name IAM does not allow", `{"UserDetailList": [{"UserName": "al ice", "Arn": "arn:aws:iam::111122223333:user/al ice"}]}`,
			[]string{`a.json:1:34: $.UserDetailList[0].UserName: "al ice" is not an IAM user name (1 to 64 letters, digits and +=,.@_-)`}},
		{"two accounts", `{"UserDetailList": [` + user + `, {"UserName": "bob", "Arn": "arn:aws:iam::444455556666:user/bob"}]}`,
			[]string{`a.json:1:131: $.UserDetailList[1].Arn: names account 444455556666, but the file also describes account 111122223333; give one file per account (get-account-authorization-details describes the account it runs in)`}},
		{"an account without entities and without a name", `{"UserDetailList": [], "Policies": []}`,
			[]string{`a.json:1:1: $: names no IAM entity of any account, so the account it describes is unknown; put the 12-digit account ID in the file name, like authz-111122223333.json`}},
		{"a document that is not JSON", `{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111122223333:user/a", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": "%7B%22Version%22%3A"}]}]}`,
			[]string{`a.json:1:139: $.UserDetailList[0].UserPolicyList[0].PolicyDocument: holds a policy document that is not valid JSON: line 1, column 12 of the document: unexpected end of file; expected a JSON value`}},
		{"bad URL encoding", `{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111122223333:user/a", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": "%7B%zz"}]}]}`,
			[]string{`a.json:1:139: $.UserDetailList[0].UserPolicyList[0].PolicyDocument: is a string that is neither JSON nor URL-encoded JSON (invalid URL escape "%zz")`}},
		{"a document of the wrong type", `{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r", "AssumeRolePolicyDocument": [1]}]}`,
			[]string{`a.json:1:110: $.RoleDetailList[0].AssumeRolePolicyDocument: is an array; expected a policy document (a JSON object, or a URL-encoded string)`}},
		{"no default version", `{"Policies": [{"PolicyName": "p", "Arn": "arn:aws:iam::111122223333:policy/p", "DefaultVersionId": "v2", "PolicyVersionList": [{"VersionId": "v1", "Document": {}}]}]}`,
			[]string{`a.json:1:127: $.Policies[0].PolicyVersionList: has no version marked by DefaultVersionId; the export holds the document of every policy's default version`}},
		{"a key given twice", `{"UserDetailList": [], "UserDetailList": []}`,
			[]string{`a.json:1:24: not valid JSON: "UserDetailList" is given twice in this object`}},
		{"names that differ in case", `{"UserDetailList": [` + user + `, {"UserName": "Alice", "Arn": "arn:aws:iam::111122223333:user/Alice"}]}`,
			[]string{`a.json:1:117: $.UserDetailList[1].UserName: "Alice" and "alice" are one name to IAM, which does not tell names apart by case`}},
		{"not UTF-8", "{\"UserDetailList\": [\"\xff\"]}",
			[]string{`a.json:1:22: not valid JSON: the file is not UTF-8 text`}},
		{"deep nesting", strings.Repeat("[", 100000) + strings.Repeat("]", 100000),
			[]string{`a.json:1:66: not valid JSON: the JSON nests more than 64 levels deep; no export does`}},
		{"a control character in a string", "{\"UserDetailList\": [\"a\tb\"]}",
			[]string{`a.json:1:23: not valid JSON: a control character inside a string must be escaped`}},
		{"a number that is not one", `{"Policies": [{"AttachmentCount": 01}]}`,
			[]string{`a.json:1:35: not valid JSON: invalid number`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			r, err := importFiles(t, map[string]string{"a.json": c.text}, "a.json")
			assert.Nil(t, r)
			assert.Equal(t, c.want, inputErrors(t, err))
		})
	}
}

// Mistakes in several files are all reported, in the order of the files.
func TestInputErrorsAcrossFiles(t *testing.T) {
	t.Parallel()
	_, err := importFiles(t, map[string]string{
		"a.json": `{"UserDetailList": [{"UserName": 1}]}`,
		"b.json": `nope`,
	}, "a.json", "b.json", "missing.json")
	got := inputErrors(t, err)
	require.Len(t, got, 4)
	assert.Equal(t, `a.json:1:34: $.UserDetailList[0].UserName: is a number; expected a string`, got[0])
	assert.Equal(t, `a.json:1:21: $.UserDetailList[0].Arn: is missing; every entry has it`, got[1])
	assert.Equal(t, `b.json:1:1: not valid JSON: unexpected 'n'; expected a JSON value`, got[2])
	assert.Equal(t, `missing.json: cannot read: no such file or directory`, got[3])
}

// An input larger than the bound is refused before it is parsed.
func TestHugeInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := filepath.Join(dir, "huge.json")
	f, err := os.Create(p)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(importer.MaxInputSize+1)) // sparse: no disk used
	require.NoError(t, f.Close())
	_, err = importer.Generate(context.Background(), importer.Options{Authz: []string{p}})
	got := inputErrors(t, err)
	assert.Equal(t, []string{"huge.json: is larger than 512 MiB; split the export by entity type (aws iam get-account-authorization-details --filter User, then Role, …) and give every file"}, got)
}

// The same policy documents given as JSON objects (the AWS CLI), as
// URL-encoded strings (the API) and as strings of JSON text make the same
// project.
func TestDocumentForms(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join(cliReference, "authz.json"))
	require.NoError(t, err)
	want := generate(t, importer.Options{Authz: []string{filepath.Join(cliReference, "authz.json")}})
	for name, encode := range map[string]func(string) string{
		"url-encoded": url.PathEscape,
		"json text":   func(s string) string { return s },
	} {
		t.Run(name, func(t *testing.T) {
			text := rewriteDocuments(t, src, encode)
			got, err := importFiles(t, map[string]string{"authz.json": text}, "authz.json")
			require.NoError(t, err)
			assert.Equal(t, want.Files, got.Files)
		})
	}
}

// An empty account takes its ID from the file name.
func TestEmptyAccount(t *testing.T) {
	t.Parallel()
	r, err := importFiles(t, map[string]string{"authz-999988887777.json": `{"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}`}, "authz-999988887777.json")
	require.NoError(t, err)
	assert.Equal(t, []string{"accounts.hcl"}, keys(r.Files))
	assert.Contains(t, string(r.Files["accounts.hcl"]), "account \"account_999988887777\" {\n  id = \"999988887777\"\n}\n")
	assert.Equal(t, []importer.AccountSummary{{ID: "999988887777", Label: "account_999988887777", HasIAM: true}}, r.Summary.Accounts)
}

// Pages of one account merge; the same entity given twice the same way is
// one, given differently an error.
func TestPages(t *testing.T) {
	t.Parallel()
	r, err := importFiles(t, map[string]string{
		"p1.json": `{"UserDetailList": [` + user + `], "IsTruncated": true, "Marker": "x"}`,
		"p2.json": `{"UserDetailList": [` + user + `, {"UserName": "bob", "Arn": "arn:aws:iam::111122223333:user/bob"}], "IsTruncated": false}`,
	}, "p1.json", "p2.json")
	require.NoError(t, err)
	assert.Equal(t, 2, r.Summary.Accounts[0].Users)
	for _, n := range r.Summary.Notes {
		assert.NotContains(t, n, "IsTruncated")
	}

	_, err = importFiles(t, map[string]string{
		"p1.json": `{"UserDetailList": [` + user + `]}`,
		"p2.json": `{"UserDetailList": [{"UserName": "alice", "Path": "/", "Arn": "arn:aws:iam::111122223333:user/alice", "GroupList": ["admins"]}]}`,
	}, "p1.json", "p2.json")
	got := inputErrors(t, err)
	require.Len(t, got, 1)
	assert.Regexp(t, `^p2.json:1:21: \$.UserDetailList\[0\]: describes arn:aws:iam::111122223333:user/alice differently from .*p1.json:1:21; give each account's export once$`, got[0])
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// rewriteDocuments replaces every policy document of an export by the
// string encode makes of its JSON text.
func rewriteDocuments(t *testing.T, src []byte, encode func(string) string) string {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(src, &v))
	var walk func(x any)
	walk = func(x any) {
		switch x := x.(type) {
		case map[string]any:
			for k, e := range x {
				if k == "PolicyDocument" || k == "AssumeRolePolicyDocument" || k == "Document" {
					text, err := json.Marshal(e)
					require.NoError(t, err)
					x[k] = encode(string(text))
					continue
				}
				walk(e)
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(v)
	out, err := json.MarshalIndent(v, "", "  ")
	require.NoError(t, err)
	return string(out)
}
