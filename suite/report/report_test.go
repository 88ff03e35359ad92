package report

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGet(t *testing.T) {
	for _, name := range Names() {
		f, err := Get(name, Options{})
		require.NoError(t, err, name)
		assert.NotNil(t, f)
	}
	_, err := Get("tap", Options{})
	assert.EqualError(t, err, `unknown format "tap": use pretty, json, junit`)
}

// Locations open from the working directory: the project directory is
// joined before every file name.
func TestPaths(t *testing.T) {
	o := Options{Prefix: "examples/coffee-shop"}
	assert.Equal(t, "examples/coffee-shop/policies.hcl:32:3", o.source("policies.hcl:32:3"))
	assert.Equal(t, "examples/coffee-shop/sub/a.json:4:5", o.source("sub/a.json:4:5"))
	assert.Equal(t, "no position", o.source("no position"))
	assert.Equal(t, "examples/coffee-shop/story_test.hcl:3:1",
		o.pos(hcl.Range{Filename: "story_test.hcl", Start: hcl.Pos{Line: 3, Column: 1}}))
	assert.Equal(t, "policies.hcl:1:1", Options{Prefix: "."}.source("policies.hcl:1:1"))
	assert.Equal(t, "policies.hcl:1:1", Options{}.source("policies.hcl:1:1"))
}
