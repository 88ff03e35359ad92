package rego

import (
	"embed"
	"io/fs"
	"path"
	"strings"
)

//go:embed core/*.rego
var coreFS embed.FS

// CoreModules returns the Rego evaluation core: bundle path to source. Test
// files (*_test.rego) are not part of it.
func CoreModules() map[string][]byte {
	out := map[string][]byte{}
	entries, _ := fs.ReadDir(coreFS, "core")
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, "_test.rego") {
			continue
		}
		src, _ := coreFS.ReadFile(path.Join("core", name))
		out["iamc/core/"+name] = src
	}
	return out
}
