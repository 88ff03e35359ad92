package check_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iamc/iamc/check"
	"github.com/iamc/iamc/schema"
)

// count returns how many findings of the report have the code.
func count(r *check.Report, code schema.Code) int {
	n := 0
	for _, f := range r.Findings {
		if f.Code == code {
			n++
		}
	}
	return n
}

// TestAllowWithNotPrincipalKinds: the finding is about resource-based and
// VPC endpoint policies, Allow statements only, HCL or JSON.
func TestAllowWithNotPrincipalKinds(t *testing.T) {
	endpoint := func(effect string) string {
		return `vpc_endpoint "e" {
  id      = "vpce-0a1b2c3d"
  vpc     = "vpc-111aaa"
  service = "s3"
  policy {
    statement "S" {
      effect = "` + effect + `"
      not_principals {
        type        = "AWS"
        identifiers = ["111122223333"]
      }
      actions   = ["s3:GetObject"]
      resources = ["*"]
    }
  }
}
`
	}
	cases := []struct {
		name  string
		files map[string]string
		want  int
	}{
		{"endpoint Allow", map[string]string{"main.hcl": endpoint("Allow")}, 1},
		{"endpoint Deny", map[string]string{"main.hcl": endpoint("Deny")}, 0},
		{"bucket policy in JSON", map[string]string{
			"main.hcl": `resource "b" {
  arn = "arn:aws:s3:::b"
  policy { document = file("b.json") }
}
`,
			"b.json": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}`,
		}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := check.RunFS(project(c.files))
			assert.True(t, r.Compiles, "%v", r.Findings)
			assert.Equal(t, c.want, count(r, check.CodeAllowWithNotPrincipal), "%v", r.Findings)
		})
	}
}

// TestUndeclaredKMSKeys: which resources of which statements are noted.
func TestUndeclaredKMSKeys(t *testing.T) {
	const key = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	declared := `resource "k" {
  arn = "` + key + `"
  policy {
    statement {
      principals {
        type        = "AWS"
        identifiers = ["111122223333"]
      }
      actions   = ["kms:*"]
      resources = ["*"]
    }
  }
}
`
	policy := func(effect, resource string) string {
		return `user "u" { policies = [policy.p] }
policy "p" {
  statement {
    effect    = "` + effect + `"
    actions   = ["kms:Decrypt"]
    resources = ["` + resource + `"]
  }
}
`
	}
	cases := []struct {
		name string
		src  string
		want int
	}{
		{"an undeclared key", policy("Allow", key), 1},
		{"a declared key", declared + policy("Allow", key), 0},
		{"a pattern that matches a declared key", declared + policy("Allow", "arn:aws:kms:eu-west-1:111122223333:key/*"), 0},
		{"a pattern that matches none", policy("Allow", "arn:aws:kms:*:111122223333:key/*"), 1},
		{"a Deny", policy("Deny", key), 0},
		{"an alias, not a key", policy("Allow", "arn:aws:kms:eu-west-1:111122223333:alias/app"), 0},
		{"every resource", policy("Allow", "*"), 0},
		{"a policy variable", policy("Allow", "arn:aws:kms:eu-west-1:111122223333:key/$${aws:PrincipalTag/key}"), 0},
		{"an inline policy", `role "r" {
  policy "use" {
    statement {
      actions   = ["kms:Encrypt"]
      resources = ["` + key + `"]
    }
  }
}
`, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := check.RunFS(project(map[string]string{"main.hcl": c.src}))
			assert.True(t, r.Compiles, "%v", r.Findings)
			assert.Equal(t, c.want, count(r, check.CodeUndeclaredKMSKey), "%v", r.Findings)
		})
	}
}
