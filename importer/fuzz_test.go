package importer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzImport: whatever the authorization details hold, the import never
// panics, and either generates a project or reports InputErrors.
func FuzzImport(f *testing.F) {
	for _, p := range []string{
		"../testdata/import/cli-reference/authz.json",
		"../testdata/import/org/authz/prod.json",
		"../testdata/import/org/authz/dev-page2.json",
	} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"UserDetailList": [{"UserName": "a", "Arn": "arn:aws:iam::111122223333:user/a", "UserPolicyList": [{"PolicyName": "p", "PolicyDocument": "%7B%7D"}]}]}`))
	f.Add([]byte(`{"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r", "AssumeRolePolicyDocument": {"Statement": {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}}}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		p := filepath.Join(t.TempDir(), "authz-111122223333.json")
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := Generate(context.Background(), Options{Authz: []string{p}})
		var ie InputErrors
		switch {
		case err == nil:
			if len(r.Files) == 0 {
				t.Fatal("a project without files")
			}
		case !errors.As(err, &ie):
			t.Fatalf("an error that is not InputErrors: %v", err)
		case len(ie) == 0:
			t.Fatal("empty InputErrors")
		}
	})
}
