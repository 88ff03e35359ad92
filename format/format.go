// Package format formats the HCL files of an iamc project canonically, as
// terraform fmt does: hclwrite's spacing, indentation and alignment of the
// equals signs of consecutive attributes. Formatting changes whitespace
// only, never meaning; JSON policy documents are left alone.
package format

import (
	"bytes"
	"fmt"
	"io"
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
		// Only regular files are formatted: formatting replaces the file,
		// which must not replace a device, a pipe or a symbolic link (and
		// what it points to may lie outside the project).
		fi, err := os.Lstat(name)
		if err == nil && !fi.Mode().IsRegular() {
			kind := "not a regular file"
			if fi.Mode()&fs.ModeSymlink != 0 {
				kind = "a symbolic link"
			}
			err = fmt.Errorf("%s is %s; iamc fmt replaces regular files only", name, kind)
		}
		if err == nil && fi.Size() > maxFileSize {
			err = fmt.Errorf("%s is %d bytes; files of a project are limited to %d bytes", name, fi.Size(), maxFileSize)
		}
		var src []byte
		if err == nil {
			src, err = readBounded(name)
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

// readBounded reads a file, refusing one that grew past maxFileSize.
func readBounded(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err == nil && len(src) > maxFileSize {
		err = fmt.Errorf("%s is larger than %d bytes; files of a project are limited to %d bytes", name, maxFileSize, maxFileSize)
	}
	return src, err
}

// Write replaces the file with its formatted bytes, atomically: a
// temporary file in the same directory, renamed over the original, which
// keeps its permissions.
func (f File) Write() error {
	if st, err := os.Lstat(f.Path); err != nil {
		return err
	} else if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is no longer a regular file: not replacing it", f.Path)
	}
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
