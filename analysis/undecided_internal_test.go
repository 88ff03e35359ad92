package analysis

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/rego"
)

// A decision error that answers the question (the caller cannot make the
// request) counts as a deny; any other fails the analysis, which would
// otherwise leave someone out of its answer.
func TestUndecided(t *testing.T) {
	reqs := []rego.Request{
		{Principal: "arn:aws:iam::111122223333:root", Action: "sts:assumerole", Resource: "arn:aws:iam::111122223333:role/Ops"},
		{Principal: "arn:aws:iam::111122223333:user/gone", Action: "s3:getobject", Resource: "*"},
		{Principal: "arn:aws:iam::111122223333:user/ann", Action: "s3:getobject", Resource: "*"},
	}
	denied := func(code rego.ErrorCode, msg string) rego.Decision {
		return rego.Decision{Decision: rego.ImplicitDeny, Errors: []string{msg}, ErrorDetails: []rego.DecisionError{{Code: code, Message: msg}}}
	}
	ds := []rego.Decision{
		denied(rego.ErrInvalidSTSRequest, "the root user cannot assume roles"),
		denied(rego.ErrUnknownPrincipal, "unknown principal"),
		{Decision: rego.Allow, Allowed: true},
	}
	assert.NoError(t, undecided(reqs, ds))

	ds[2] = denied(rego.ErrInvalidContext, "aws:SourceIp: not an IP address")
	err := undecided(reqs, ds)
	require.Error(t, err)
	assert.Equal(t, "the engine could not decide 1 of the 3 requests asked (the first: arn:aws:iam::111122223333:user/ann s3:getobject on *: aws:SourceIp: not an IP address)", err.Error())
}
