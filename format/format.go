// Package format formats the HCL files of an iamc project canonically, as
// terraform fmt does: hclwrite's spacing, indentation and alignment of the
// equals signs of consecutive attributes. Formatting changes whitespace
// only, never meaning; JSON policy documents are left alone.
package format

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/iamc/iamc/schema"
)

// maxFileSize matches the limit of the project loader.
const maxFileSize = 4 << 20

// Source formats one HCL file. It refuses a file that does not parse:
// formatting broken syntax could change its meaning.
func Source(name string, src []byte) ([]byte, hcl.Diagnostics) {
	if _, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos); diags.HasErrors() {
		return nil, schema.Coded(schema.CodeSyntaxError, diags)
	}
	return hclwrite.Format(src), nil
}

// File is one file of a project, before and after formatting.
type File struct {
	Path    string // as found under the directory given to Project
	Before  []byte
	After   []byte
	Changed bool
	perm    fs.FileMode
}

// Project formats every *.hcl file under path (a directory, skipping hidden
// ones and node_modules, as the loader does; or a single file). It writes
// nothing. Sources maps each path to its bytes, for rendering diagnostics.
func Project(path string) (files []File, sources map[string][]byte, diags hcl.Diagnostics) {
	sources = map[string][]byte{}
	var names []string
	st, err := os.Stat(path)
	if err != nil {
		return nil, sources, hcl.Diagnostics{schema.Errorf(schema.CodeCannotRead, nil, "Cannot read project", "%s", err)}
	}
	if st.IsDir() {
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != path && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules") {
					return filepath.SkipDir
				}
				return nil
			}
			if strings.HasSuffix(d.Name(), ".hcl") && d.Type().IsRegular() {
				names = append(names, p)
			}
			return nil
		})
		if err != nil {
			return nil, sources, hcl.Diagnostics{schema.Errorf(schema.CodeCannotRead, nil, "Cannot read project", "%s", err)}
		}
	} else {
		names = []string{path}
	}
	sort.Strings(names)
	for _, name := range names {
		fi, err := os.Stat(name)
		if err == nil && fi.Size() > maxFileSize {
			err = fmt.Errorf("%s is %d bytes; files of a project are limited to %d bytes", name, fi.Size(), maxFileSize)
		}
		var src []byte
		if err == nil {
			src, err = os.ReadFile(name)
		}
		if err != nil {
			diags = append(diags, schema.Errorf(schema.CodeCannotRead, &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
				"Cannot read file", "%s", err))
			continue
		}
		sources[name] = src
		out, fdiags := Source(name, src)
		diags = append(diags, fdiags...)
		if fdiags.HasErrors() {
			continue
		}
		files = append(files, File{Path: name, Before: src, After: out, Changed: !bytes.Equal(src, out), perm: fi.Mode().Perm()})
	}
	return files, sources, diags
}

// Write replaces the file with its formatted bytes, atomically: a
// temporary file in the same directory, renamed over the original, which
// keeps its permissions.
func (f File) Write() error {
	dir := filepath.Dir(f.Path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(f.Path)+".fmt-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(f.After); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	perm := f.perm
	if perm == 0 {
		perm = 0o644
	}
	if err := os.Chmod(tmp.Name(), perm); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), f.Path); err != nil {
		return err
	}
	done = true
	return nil
}
