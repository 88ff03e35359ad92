package compiler

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Manifest is the bundle's .manifest.
type Manifest struct {
	Revision    string         `json:"revision"`
	Roots       []string       `json:"roots"`
	RegoVersion int            `json:"rego_version"`
	Metadata    map[string]any `json:"metadata"`
}

// Files returns the bundle's files, path to content, in the layout OPA
// reads: .manifest, iamc/model/data.json and the Rego modules, and
// .signatures.json when the bundle is signed.
func (o *Output) Files() map[string][]byte {
	files := map[string][]byte{}
	m := Manifest{Revision: o.Revision, Roots: []string{"iamc"}, RegoVersion: 1,
		Metadata: map[string]any{"generator": "iamc", "statements": o.ProjectStatements()}}
	mb, _ := json.Marshal(m)
	files[".manifest"] = append(mb, '\n')
	files[DataPath+"/data.json"] = o.Data
	if o.Config != nil {
		files[ConfigPath+"/data.json"] = o.Config
	}
	for name, src := range o.Modules {
		files[name] = src
	}
	if o.Signatures != nil {
		files[signaturesFile] = o.Signatures
	}
	return files
}

// WriteBundle writes the bundle as a gzipped tarball. The same output always
// gives the same bytes: files are sorted and carry no times or owners.
func (o *Output) WriteBundle(w io.Writer) error {
	files := o.Files()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	gz, err := gzip.NewWriterLevel(w, gzip.DefaultCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	for _, n := range names {
		hdr := &tar.Header{Name: "/" + n, Mode: 0o644, Typeflag: tar.TypeReg, Size: int64(len(files[n])), Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(files[n]); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// BundleBytes returns the tarball.
func (o *Output) BundleBytes() ([]byte, error) {
	var b bytes.Buffer
	if err := o.WriteBundle(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// WriteFileAtomic writes data to path through a temporary file in the same
// directory and a rename, so that path holds either the old content or the
// whole new content, never a part.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return WriteFileAtomicContext(context.Background(), path, write)
}

// WriteFileAtomicContext is WriteFileAtomic that stops when ctx is done:
// the temporary file is removed, path keeps its old content, and the error
// is ctx's.
//
// An existing path must be a regular file: a device, a named pipe, a
// socket, a directory or a symbolic link is refused with a *TargetError,
// never replaced. (A link is not followed: /dev/stdout is one, to whatever
// the standard output is, and replacing the file behind it would cut a
// shell's redirection.)
func WriteFileAtomicContext(ctx context.Context, path string, write func(io.Writer) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	path, err := FileTarget(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(ctxWriter{ctx, tmp}); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	ok = true
	return nil
}

// TargetError is an output path that iamc will not write: not a regular
// file, or a file of the project itself.
type TargetError struct {
	Path   string
	Reason string
}

func (e *TargetError) Error() string { return e.Path + ": " + e.Reason }

// FileTarget returns the file that writing path replaces: path itself when
// it does not exist or is a regular file. Anything else is a *TargetError.
func FileTarget(path string) (string, error) {
	st, err := os.Lstat(path)
	if os.IsNotExist(err) {
		return path, nil
	}
	if err != nil {
		return "", err
	}
	if !st.Mode().IsRegular() {
		return "", &TargetError{path, "is " + fileKind(st.Mode()) + ", not a regular file: not replacing it"}
	}
	return path, nil
}

// fileKind names the kind of a file that is not regular.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsRegular():
		return "a regular file"
	}
	return "not a regular file"
}

// ctxWriter fails every write once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// WriteDir writes the bundle unpacked into the directory path, for `opa run
// --bundle DIR`, a volume shared with sidecars, or any file syncer. Like
// WriteFileAtomic it never leaves a partial bundle: the files are written to
// a temporary directory beside path, which then takes path's place (on Linux
// by an atomic exchange). An existing path must be an earlier bundle
// directory (it holds a .manifest) or empty; anything else is left alone and
// reported.
func (o *Output) WriteDir(path string) error {
	return WriteDirAtomic(path, o.Files())
}

// WriteDirContext is WriteDir that stops when ctx is done, leaving path as
// it was and no temporary directory.
func (o *Output) WriteDirContext(ctx context.Context, path string) error {
	return WriteDirAtomicContext(ctx, path, o.Files())
}

// WriteDirAtomic writes files (slash-separated paths to content) as the
// directory path; see WriteDir.
func WriteDirAtomic(path string, files map[string][]byte) error {
	return WriteDirAtomicContext(context.Background(), path, files)
}

// WriteDirAtomicContext is WriteDirAtomic that stops when ctx is done.
func WriteDirAtomicContext(ctx context.Context, path string, files map[string][]byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	path = filepath.Clean(path)
	if st, err := os.Lstat(path); err == nil {
		if !st.IsDir() {
			return &TargetError{path, "is not a directory but " + fileKind(st.Mode()) + ": not replacing it"}
		}
		if err := replaceableDir(path); err != nil {
			return err
		}
	} else if !os.IsNotExist(err) {
		return err
	}
	parent, base := filepath.Dir(path), filepath.Base(path)
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		rel := filepath.FromSlash(strings.TrimPrefix(n, "/"))
		if !filepath.IsLocal(rel) {
			return fmt.Errorf("bundle file %q is not a relative path", n)
		}
		p := filepath.Join(tmp, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := writeSynced(p, files[n]); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := swapDir(tmp, path); err != nil {
		return err
	}
	ok = true
	// After an exchange, tmp holds the previous bundle.
	return os.RemoveAll(tmp)
}

// replaceableDir refuses to replace a directory that is neither empty nor a
// bundle.
func replaceableDir(path string) error {
	entries, err := os.ReadDir(path)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(path, ".manifest")); err == nil {
		return nil
	}
	return &TargetError{path, "is a directory that holds no bundle (no .manifest): not replacing it"}
}

func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
