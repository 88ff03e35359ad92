package schema_test

import (
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"

	"github.com/iamc/iamc/schema"
)

// A test that names a user or role whose account is unknown (a project of
// several accounts, a block without account =) is reported where the block
// is declared; it used to crash the loader on the missing ARN.
func TestTestPrincipalWithoutAccount(t *testing.T) {
	fsys := fstest.MapFS{
		"main.hcl": {Data: []byte(`
account "a" { id = "111111111111" }
account "b" { id = "222222222222" }
user "u" {}
role "r" {}
`)},
		"main_test.hcl": {Data: []byte(`
test "t" {
  principal = user.u
  assume    = role.r
  action    = "s3:GetObject"
  resource  = "*"
  expect    = "deny"
}
`)},
	}
	_, diags := schema.LoadFS(fsys)
	assert.True(t, diags.HasErrors())
	assert.Contains(t, diags.Error(), "Missing account")
}
