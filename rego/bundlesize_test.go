package rego_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/rego"
)

// tarball packs files (name to content) as a bundle; a nil content is
// written as a header that announces size bytes and is cut short.
func tarball(t testing.TB, files map[string][]byte, announce map[string]int64) []byte {
	t.Helper()
	var b bytes.Buffer
	gz := gzip.NewWriter(&b)
	tw := tar.NewWriter(gz)
	for name, content := range files {
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: "/" + name, Mode: 0o644, Typeflag: tar.TypeReg, Size: int64(len(content))}))
		_, err := tw.Write(content)
		require.NoError(t, err)
	}
	for name, size := range announce {
		require.NoError(t, tw.WriteHeader(&tar.Header{Name: "/" + name, Mode: 0o644, Typeflag: tar.TypeReg, Size: size}))
		_, err := tw.Write([]byte("{"))
		require.NoError(t, err)
		// no Close: the archive ends here, as a hostile one may
		require.NoError(t, gz.Close())
		return b.Bytes()
	}
	require.NoError(t, tw.Close())
	require.NoError(t, gz.Close())
	return b.Bytes()
}

// allocated returns the bytes allocated while f ran.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBundleExhaustion: a bundle cannot make Load spend memory it does not
// have. Its files are bounded in total, uncompressed (1 GiB by default,
// rego.WithMaxBundleSize to change it), and the bound is checked on the
// tarball's headers, before a file is held in memory; with a verification
// key the signature is checked, streaming, before any file is held or
// parsed, so that a bundle from someone without the key costs nothing
// however large its data. (A 1.5 MB tarball of a 1.5 GB data.json of spaces
// used to load in 76 s and 6.7 GB; a 430 KB bundle signed with another key
// cost 1.9 GB before it was refused.)
func TestBundleExhaustion(t *testing.T) {
	ctx := context.Background()
	manifest := []byte(`{"revision": "x", "roots": ["iamc"]}`)

	// A header announcing 2 GiB is refused at the header, under the
	// default limit.
	var err error
	used := allocated(func() {
		_, err = rego.Load(ctx, rego.FromBytes(tarball(t, map[string][]byte{".manifest": manifest}, map[string]int64{"iamc/model/data.json": 2 << 30})))
	})
	var size *rego.BundleSizeError
	require.True(t, errors.As(err, &size), "%v", err)
	assert.Equal(t, rego.DefaultMaxBundleSize, size.Limit)
	assert.Contains(t, err.Error(), "more than 1073741824 bytes uncompressed")
	assert.Less(t, used, uint64(8<<20), "refused without reading the file")

	// 32 MiB of spaces (32 KB compressed) against a limit of 16 MiB.
	spaces := bytes.Repeat([]byte(" "), 32<<20)
	big := tarball(t, map[string][]byte{".manifest": manifest, "iamc/model/data.json": spaces}, nil)
	used = allocated(func() {
		_, err = rego.Load(ctx, rego.FromBytes(big), rego.WithMaxBundleSize(16<<20))
	})
	require.True(t, errors.As(err, &size), "%v", err)
	assert.Less(t, used, uint64(8<<20), "refused without inflating the file")
	path := filepath.Join(t.TempDir(), "big.tar.gz")
	require.NoError(t, os.WriteFile(path, big, 0o644))
	_, err = rego.Load(ctx, rego.FromFile(path), rego.WithMaxBundleSize(16<<20))
	assert.True(t, errors.As(err, &size), "%v", err)
	_, err = rego.Load(ctx, rego.FromFS(fstest.MapFS{".manifest": {Data: manifest}, "iamc/model/data.json": {Data: spaces}}), rego.WithMaxBundleSize(16<<20))
	assert.True(t, errors.As(err, &size), "an unpacked bundle is bounded too: %v", err)

	// Within the limit, a real bundle loads; the limit is the sum of the
	// files, so a limit below the coffee shop's size refuses it.
	coffee := coffeeShop()
	_, err = rego.Load(ctx, rego.FromBytes(coffee), rego.WithMaxBundleSize(1<<20))
	require.NoError(t, err)
	_, err = rego.Load(ctx, rego.FromBytes(coffee), rego.WithMaxBundleSize(1000))
	assert.True(t, errors.As(err, &size), "%v", err)

	// Signed with another key (or not at all), a bundle with a large data
	// file is refused on its signature before the file is inflated or
	// parsed.
	priv, pub := rsaPair(t)
	otherPriv, _ := rsaPair(t)
	key := rego.WithVerificationKey(rego.VerificationKey{Key: pub})
	forged := signedCoffee(t, otherPriv)
	forged.Data = append([]byte(`{"pad": [`), bytes.Repeat([]byte("0,"), 16<<20)...)
	forged.Data = append(forged.Data, []byte(`0]}`)...)
	forgedBytes, err := forged.BundleBytes()
	require.NoError(t, err)
	used = allocated(func() { _, err = rego.Load(ctx, rego.FromBytes(forgedBytes), key) })
	var se *rego.SignatureError
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Contains(t, err.Error(), "failed to verify JWT signature")
	assert.Less(t, used, uint64(8<<20), "refused before the data was inflated or parsed")

	unsigned := signedCoffee(t, priv)
	unsigned.Signatures = nil
	unsigned.Data = forged.Data
	unsignedBytes, err := unsigned.BundleBytes()
	require.NoError(t, err)
	used = allocated(func() { _, err = rego.Load(ctx, rego.FromBytes(unsignedBytes), key) })
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Contains(t, err.Error(), "bundle missing .signatures.json file")
	assert.Less(t, used, uint64(8<<20))

	// A signed bundle with a module added or changed is refused on the
	// streamed digests, before OPA reads it.
	extra := signedCoffee(t, priv)
	extra.Modules["iamc/evil.rego"] = []byte("package iamc.evil\n")
	extraBytes, err := extra.BundleBytes()
	require.NoError(t, err)
	_, err = rego.Load(ctx, rego.FromBytes(extraBytes), key)
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Contains(t, err.Error(), "iamc/evil.rego not included in bundle signature")
	changed := signedCoffee(t, priv)
	changed.Modules["iamc/core/iamc.rego"] = append(changed.Modules["iamc/core/iamc.rego"], []byte("\n# changed\n")...)
	changedBytes, err := changed.BundleBytes()
	require.NoError(t, err)
	_, err = rego.Load(ctx, rego.FromBytes(changedBytes), key)
	require.True(t, errors.As(err, &se), "%v", err)
	assert.Contains(t, err.Error(), "iamc/core/iamc.rego: digest mismatch")
}
