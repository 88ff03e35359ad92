package compiler_test

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// TestEngine: the engine of a project decides as the engine of its bundle
// (the coffee shop's story: a user with no policy has no access, §1), with
// rego.Load's options; a project with errors reports them all.
func TestEngine(t *testing.T) {
	ctx := context.Background()
	eng, err := compiler.Engine(ctx, fstest.MapFS{
		"main.hcl": {Data: []byte("account \"shop\" {\n  id = \"111122223333\"\n}\nuser \"newbie\" {}\n")},
	}, rego.WithRequestTime())
	require.NoError(t, err)
	dec, err := eng.Decide(ctx, rego.Request{Principal: "arn:aws:iam::111122223333:user/newbie", Action: "s3:GetObject", Resource: "*"})
	require.NoError(t, err)
	assert.Equal(t, rego.ImplicitDeny, dec.Decision)
	assert.Empty(t, dec.Errors)

	_, err = compiler.Engine(ctx, fstest.MapFS{"a.hcl": {Data: []byte("user \"u\" {\n  groups = [group.x, group.y]\n}\n")}, "b.hcl": {Data: []byte("policy \"p\" {}\n")}})
	var pe *compiler.ProjectError
	require.ErrorAs(t, err, &pe)
	assert.Regexp(t, `^the project does not compile: a\.hcl:2:13: error: Unknown reference: no group named "x".* \(and \d+ more errors\)$`, err.Error())

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = compiler.Engine(cancelled, fstest.MapFS{})
	assert.ErrorIs(t, err, context.Canceled)
}
