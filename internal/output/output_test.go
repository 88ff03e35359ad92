package output_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/internal/output"
)

func TestTable(t *testing.T) {
	t.Parallel()
	table := output.Table[string, int]{
		{Name: "pretty", New: func(n int) string { return "pretty" + string(rune('0'+n)) }},
		{Name: "json", New: func(int) string { return "json" }},
	}
	assert.Equal(t, []string{"pretty", "json"}, table.Names())
	got, err := table.Get("json", 0)
	require.NoError(t, err)
	assert.Equal(t, "json", got)
	got, err = table.Get("", 1)
	require.NoError(t, err, "the empty name is the default")
	assert.Equal(t, "pretty1", got, "the options reach the format")
	_, err = table.Get("yaml", 0)
	assert.EqualError(t, err, `unknown format "yaml": use pretty, json`)
}
