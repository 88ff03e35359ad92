package importer

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
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

// FuzzJSONTree: the reader accepts exactly the JSON that encoding/json
// accepts, but for what it refuses on purpose (a key given twice, nesting
// deeper than maxDepth, text that is not UTF-8).
func FuzzJSONTree(f *testing.F) {
	for _, s := range []string{`{}`, `[1, -2.5e+3, "a\u00e9\n", true, null]`, `{"a": {"b": [[]]}}`, `01`, `"\ud800"`, `[1,]`, "\xef\xbb\xbf{}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		n, serr := parseTree(src)
		valid := json.Valid(src) || (len(src) >= 3 && string(src[:3]) == "\xef\xbb\xbf" && json.Valid(src[3:]))
		if serr == nil && !valid {
			t.Fatalf("accepted what encoding/json refuses: %q", src)
		}
		if serr != nil && valid && !refusedOnPurpose(serr) {
			t.Fatalf("refused valid JSON %q: %s", src, serr.msg)
		}
		if serr == nil && (n.start < 0 || n.end > len(src) || n.start > n.end) {
			t.Fatalf("bad offsets %d-%d", n.start, n.end)
		}
		if serr != nil {
			lineCol(src, serr.off) // never panics, whatever the offset
		}
	})
}

func refusedOnPurpose(e *syntaxError) bool {
	for _, s := range []string{"is given twice", "nests more than", "not UTF-8"} {
		if strings.Contains(e.msg, s) {
			return true
		}
	}
	return false
}
