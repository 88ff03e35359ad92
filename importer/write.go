package importer

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/iamc/iamc/format"
)

// ManifestName is the file, in the output directory, that lists the files
// an import wrote with a digest of each: a re-import replaces only those,
// and deletes one it no longer writes only when it is unchanged.
const ManifestName = ".iamc-import.json"

type manifest struct {
	Generator string            `json:"generator"`
	Files     map[string]string `json:"files"` // project path → sha256 of what was written
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// safePath reports whether a manifest entry names a file inside the
// directory: a relative, clean path (a manifest may have been edited).
func safePath(p string) bool {
	return p != "" && p == path.Clean(p) && !path.IsAbs(p) && p != ".." && !strings.HasPrefix(p, "../") &&
		!strings.Contains(p, `\`) && p != ManifestName
}

// readManifest reads the manifest of an earlier import; nil when there is
// none.
func readManifest(root *os.Root) (*manifest, error) {
	b, err := root.ReadFile(ManifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Files == nil {
		return nil, fmt.Errorf("%s is not a manifest of iamc import (%v); remove it to import into this directory as if for the first time", ManifestName, err)
	}
	for p := range m.Files {
		if !safePath(p) {
			delete(m.Files, p)
		}
	}
	return &m, nil
}

// apply compares the generated files with the directory and writes them
// (unless an earlier import would change without Force).
func apply(ctx context.Context, opts Options, r *Report) error {
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(opts.Dir)
	if err != nil {
		return err
	}
	defer root.Close()
	old, err := readManifest(root)
	if err != nil {
		return err
	}
	owned := map[string]string{}
	if old != nil {
		owned = old.Files
	}
	var conflicts []string
	var diff strings.Builder
	before := map[string][]byte{}
	for _, p := range sortedKeys(r.Files) {
		cur, err := root.ReadFile(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			r.Created = append(r.Created, p)
		case err != nil:
			return err
		case bytes.Equal(cur, r.Files[p]):
			r.Unchanged = append(r.Unchanged, p)
		case owned[p] == "":
			conflicts = append(conflicts, p)
		default:
			r.Updated = append(r.Updated, p)
		}
		before[p] = cur
	}
	if len(conflicts) > 0 {
		return &ConflictError{Dir: opts.Dir, Paths: conflicts}
	}
	for _, p := range sortedKeys(owned) {
		if _, still := r.Files[p]; still {
			continue
		}
		cur, err := root.ReadFile(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return err
		case digest(cur) == owned[p]:
			r.Deleted = append(r.Deleted, p)
			before[p] = cur
		default:
			r.Kept = append(r.Kept, p)
		}
	}
	changes := len(r.Created) + len(r.Updated) + len(r.Deleted)
	if old != nil && changes > 0 && !opts.Force {
		r.Pending = true
		for _, p := range append(append(append([]string{}, r.Created...), r.Updated...), r.Deleted...) {
			diff.WriteString(format.Diff(p, before[p], r.Files[p]))
		}
		r.Diff = diff.String()
		return nil
	}
	return write(ctx, opts, root, owned, r)
}

// write writes the files: the manifest first (naming what the import is
// about to write as well as what it wrote before, so that an interrupted
// import is resumed by the next), then the files, then the deletions, then
// the final manifest.
func write(ctx context.Context, opts Options, root *os.Root, owned map[string]string, r *Report) error {
	next := &manifest{Generator: "iamc import aws", Files: map[string]string{}}
	for p, d := range owned {
		next.Files[p] = d
	}
	for p, b := range r.Files {
		next.Files[p] = digest(b)
	}
	if err := writeManifest(root, next); err != nil {
		return err
	}
	todo := append(append([]string{}, r.Created...), r.Updated...)
	sort.Strings(todo)
	for i, p := range todo {
		if err := ctx.Err(); err != nil {
			return err
		}
		if i%100 == 0 {
			progress(opts, "writing", i, len(todo))
		}
		if err := writeFile(root, p, r.Files[p]); err != nil {
			return fmt.Errorf("write %s: %w", path.Join(opts.Dir, p), err)
		}
	}
	for _, p := range r.Deleted {
		if err := root.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", path.Join(opts.Dir, p), err)
		}
		delete(next.Files, p)
		removeEmptyParents(root, p)
	}
	progress(opts, "writing", len(todo), len(todo))
	return writeManifest(root, next)
}

func writeManifest(root *os.Root, m *manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(root, ManifestName, append(b, '\n'))
}

// writeFile replaces a file atomically: a temporary file beside it,
// renamed over it.
func writeFile(root *os.Root, p string, data []byte) error {
	if dir := path.Dir(p); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp := path.Join(path.Dir(p), "."+path.Base(p)+".import-tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		root.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		root.Remove(tmp)
		return err
	}
	if err := root.Rename(tmp, p); err != nil {
		root.Remove(tmp)
		return err
	}
	return nil
}

// removeEmptyParents removes the directories a deletion left empty.
func removeEmptyParents(root *os.Root, p string) {
	for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
		if root.Remove(dir) != nil {
			return
		}
	}
}
