package compiler_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/compiler"
)

// A build reports each stage it enters, in order; a project that does not
// decode stops after validation.
func TestBuildProgress(t *testing.T) {
	var stages []string
	ctx := compiler.WithProgress(context.Background(), func(s string) { stages = append(stages, s) })
	out, _, diags, err := compiler.BuildContext(ctx, "../examples/coffee-shop")
	require.NoError(t, err)
	require.False(t, diags.HasErrors(), "%s", diags)
	require.NotNil(t, out)
	assert.Equal(t, []string{compiler.StageLoad, compiler.StageValidate, compiler.StageLower, compiler.StageEncode}, stages)

	stages = nil
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.hcl"), []byte("user \"a\" {\n  colour = \"blue\"\n}\n"), 0o644))
	out, _, diags, err = compiler.BuildContext(ctx, dir)
	require.NoError(t, err)
	require.True(t, diags.HasErrors())
	assert.Nil(t, out)
	assert.Equal(t, []string{compiler.StageLoad, compiler.StageValidate}, stages)
}
