package rego

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/open-policy-agent/opa/v1/bundle"
)

// DefaultMaxBundleSize is the largest bundle Load reads unless told
// otherwise (WithMaxBundleSize): 1 GiB of files, uncompressed. A model of
// 100,000 statements weighs about 60 MB.
const DefaultMaxBundleSize int64 = 1 << 30

// WithMaxBundleSize sets the largest bundle Load reads: the sum of the
// uncompressed sizes of its files, in bytes. A larger bundle is refused
// while its headers are read, before any of its files is held in memory.
func WithMaxBundleSize(n int64) Option {
	return func(c *loadConfig) { c.maxBundleSize = n }
}

// maxSignaturesSize bounds .signatures.json, which is read before the rest.
const maxSignaturesSize = 1 << 20

// rawBundle is how a Source's files are reached without OPA's reader,
// which holds every file in memory before it looks at any.
type rawBundle struct {
	tarball func() (io.ReadCloser, error) // a .tar.gz
	fsys    fs.FS                         // an unpacked bundle
}

// bundleFile is one file of a bundle, met while walking it.
type bundleFile struct {
	name string // slash-separated, without a leading slash
	size int64
	r    io.Reader
}

// walk calls fn with every file of the bundle, in the order OPA reads
// them, stopping at fn's first error. Entries of a tarball that OPA skips
// (directories, links) count toward the size all the same: reading past
// them costs as much.
func (raw rawBundle) walk(fn func(f bundleFile) error) error {
	if raw.fsys != nil {
		return fs.WalkDir(raw.fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			f, err := raw.fsys.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return fn(bundleFile{name: p, size: info.Size(), r: f})
		})
	}
	rc, err := raw.tarball()
	if err != nil {
		return err
	}
	defer rc.Close()
	gz, err := gzip.NewReader(rc)
	if err != nil {
		return fmt.Errorf("archive read failed: %w", err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("archive read failed: %w", err)
		}
		f := bundleFile{name: strings.TrimPrefix(path.Clean("/"+h.Name), "/"), size: h.Size, r: tr}
		if h.Typeflag != tar.TypeReg {
			f.r = nil
		}
		if err := fn(f); err != nil {
			return err
		}
	}
}

// BundleSizeError is returned by Load for a bundle larger than the limit
// (WithMaxBundleSize).
type BundleSizeError struct {
	Bundle string
	Limit  int64
}

func (e *BundleSizeError) Error() string {
	return fmt.Sprintf("load bundle %s: its files are more than %d bytes uncompressed (the limit; see rego.WithMaxBundleSize)", e.Bundle, e.Limit)
}

// inspect reads a bundle once, streaming, before OPA reads it: it refuses
// a bundle whose files add up to more than limit, and with a verification
// config it verifies the signature (the JWT of .signatures.json), that the
// files are the ones signed, and the digests of the files that are hashed
// as bytes — all before any file is held in memory or parsed. What is left
// to OPA's reader is the digest of structured files (data.json, hashed
// over their parsed value), which it checks before using them.
func inspect(name string, raw rawBundle, limit int64, vc *bundle.VerificationConfig) error {
	var total int64
	var sigs []byte
	digests := map[string]string{} // file to SHA-256 of its bytes; "" for a structured file
	err := raw.walk(func(f bundleFile) error {
		total += f.size
		if f.size < 0 || total > limit {
			return &BundleSizeError{Bundle: name, Limit: limit}
		}
		if vc == nil || f.r == nil {
			return nil
		}
		if bundle.IsSignaturesFile(f.name) {
			if sigs != nil {
				return &SignatureError{Bundle: name, Err: errors.New("bundle contains multiple signatures files")}
			}
			if f.size > maxSignaturesSize {
				return &SignatureError{Bundle: name, Err: fmt.Errorf("%s is %d bytes, more than %d", f.name, f.size, maxSignaturesSize)}
			}
			var err error
			sigs, err = io.ReadAll(io.LimitReader(f.r, maxSignaturesSize+1))
			return err
		}
		if bundle.IsStructuredDoc(f.name) {
			digests[f.name] = ""
			return nil
		}
		h := sha256.New()
		if _, err := io.Copy(h, f.r); err != nil {
			return err
		}
		digests[f.name] = hex.EncodeToString(h.Sum(nil))
		return nil
	})
	if err != nil || vc == nil {
		return err
	}
	fail := func(err error) error { return &SignatureError{Bundle: name, Err: err} }
	if sigs == nil {
		return fail(errors.New("bundle missing .signatures.json file"))
	}
	var sc bundle.SignaturesConfig
	if err := json.NewDecoder(bytes.NewReader(sigs)).Decode(&sc); err != nil {
		return fail(fmt.Errorf("bundle load failed on signatures decode: %w", err))
	}
	signed, err := bundle.VerifyBundleSignature(sc, vc)
	if err != nil {
		return fail(err)
	}
	for f, digest := range digests {
		info, ok := signed[f]
		if !ok {
			return fail(fmt.Errorf("file %v not included in bundle signature", f))
		}
		if digest != "" && strings.EqualFold(info.Algorithm, string(bundle.SHA256)) && !strings.EqualFold(info.Hash, digest) {
			return fail(fmt.Errorf("%v: digest mismatch (want: %s, got: %s)", f, info.Hash, digest))
		}
	}
	for f := range signed {
		if _, ok := digests[f]; !ok {
			return fail(fmt.Errorf("file %v specified in bundle signatures but not found in the target bundle", f))
		}
	}
	return nil
}
