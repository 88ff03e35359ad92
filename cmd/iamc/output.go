package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/schema"
)

// checkOutput refuses an output path that would destroy or corrupt what it
// should not: anything but a regular file for a tarball (a device, a named
// pipe, a directory: FileTarget), and any file of the project — a source it
// read (*.hcl, the JSON documents file() loaded, *_test.hcl, *_test.rego),
// or a new file that the next load would read as one. For a bundle
// directory, the project directory itself or one that holds it.
func checkOutput(out string, dirFormat bool, projectDir string, proj *schema.Project) error {
	target := out
	if !dirFormat {
		t, err := compiler.FileTarget(out)
		if err != nil {
			return err
		}
		target = t
	}
	absTarget, err := filepath.Abs(target)
	if err != nil {
		return err
	}
	absProject, err := filepath.Abs(projectDir)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(absProject); err == nil {
		absProject = real
	}
	if real, err := filepath.EvalSymlinks(filepath.Dir(absTarget)); err == nil {
		absTarget = filepath.Join(real, filepath.Base(absTarget))
	}
	refuse := func(why string) error {
		return &compiler.TargetError{Path: out, Reason: why + ": not writing the bundle there"}
	}
	if dirFormat {
		if absTarget == absProject || within(absProject, absTarget) {
			return refuse("holds the project")
		}
		return nil
	}
	if within(absTarget, absProject) {
		name := filepath.Base(absTarget)
		if strings.HasSuffix(name, ".hcl") || strings.HasSuffix(name, "_test.rego") {
			return refuse("is a source file of the project " + projectDir)
		}
	}
	st, err := os.Stat(absTarget)
	if errors.Is(err, os.ErrNotExist) || proj == nil {
		return nil
	}
	if err != nil {
		return err
	}
	names := make([]string, 0, len(proj.Sources)+len(proj.RegoTests))
	for name := range proj.Sources {
		names = append(names, name)
	}
	for name := range proj.RegoTests {
		names = append(names, name)
	}
	for _, name := range names {
		if src, err := os.Stat(filepath.Join(projectDir, filepath.FromSlash(name))); err == nil && os.SameFile(st, src) {
			return refuse("is " + name + ", a file of the project " + projectDir)
		}
	}
	return nil
}

// within reports whether path is below dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}
