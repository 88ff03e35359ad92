package compiler

import (
	"os"
	"path/filepath"
)

// swapDirRenames replaces path by tmp with two renames where the system has
// no atomic exchange: path is missing for the moment between them. tmp then
// holds the old directory.
func swapDirRenames(tmp, path string) error {
	if _, err := os.Lstat(path); os.IsNotExist(err) {
		return os.Rename(tmp, path)
	}
	old := filepath.Join(filepath.Dir(tmp), "."+filepath.Base(path)+".old")
	os.RemoveAll(old)
	if err := os.Rename(path, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Rename(old, path)
		return err
	}
	return os.Rename(old, tmp)
}
