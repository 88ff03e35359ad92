package e2e

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/internal/jsonschematest"
)

// schemaValidator checks inputs and decisions against schema/*.schema.json.
type schemaValidator struct{ v *jsonschematest.Validator }

func newSchemaValidator(t *testing.T) *schemaValidator {
	v, err := jsonschematest.New(context.Background())
	require.NoError(t, err)
	return &schemaValidator{v}
}

// violations returns what doc violates in the named schema. It may run on
// any goroutine.
func (s *schemaValidator) violations(t *testing.T, name string, doc any) []string {
	msgs, err := s.v.Validate(context.Background(), name, doc)
	if err != nil {
		t.Errorf("validate %s: %v", name, err)
	}
	return msgs
}
