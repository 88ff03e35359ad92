package server

import (
	"io/fs"
	"path/filepath"
	"strings"
	"time"
)

// The directory is watched by polling file sizes and modification times: no
// dependency, no per-platform notification limits, and it sees editors that
// save by renaming a new file into place. A project is small enough that a
// walk per interval costs little.

type fileStamp struct {
	size    int64
	modTime time.Time
	mode    fs.FileMode
}

// dirSnapshot maps the files of a project (slash paths) to their stamps.
type dirSnapshot map[string]fileStamp

// snapshot stamps every file below dir, skipping hidden files and
// directories and node_modules, as the project loader does.
func snapshot(dir string) (dirSnapshot, error) {
	out := dirSnapshot{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != dir && (strings.HasPrefix(name, ".") || name == "node_modules") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // removed while walking; the next look sees it gone
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fileStamp{size: info.Size(), modTime: info.ModTime(), mode: info.Mode()}
		return nil
	})
	return out, err
}

func (a dirSnapshot) equal(b dirSnapshot) bool {
	if len(a) != len(b) {
		return false
	}
	for k, x := range a {
		y, ok := b[k]
		if !ok || x.size != y.size || !x.modTime.Equal(y.modTime) || x.mode != y.mode {
			return false
		}
	}
	return true
}
