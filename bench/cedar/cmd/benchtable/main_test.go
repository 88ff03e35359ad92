package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const iamcOut = `goos: linux
pkg: github.com/iamc/iamc/bench
BenchmarkDecide/n=100/kind=user-allow-2   	 100	 9000 ns/op	 10000 p50-ns	 90000 p99-ns
BenchmarkDecide/n=100/kind=user-allow-2   	 100	 9000 ns/op	 12000 p50-ns	 90000 p99-ns
BenchmarkDecide/n=100/kind=user-allow-2   	 100	 9000 ns/op	 99000 p50-ns	 90000 p99-ns
BenchmarkDecide/n=1000/kind=user-allow-2  	 100	 9000 ns/op	 15000 p50-ns	 90000 p99-ns
BenchmarkDecideBatch/n=100/batch=100-2    	 10	 300000 ns/op	 3000 ns/decision	 2500 p50-ns/decision	 4000 p99-ns/decision
BenchmarkWide/n=100/kind=user-allow-2     	 100	 9000 ns/op	 20000 p50-ns	 90000 p99-ns
BenchmarkWide/n=1000/kind=user-allow-2    	 100	 9000 ns/op	 22000 p50-ns	 90000 p99-ns
BenchmarkBuild/n=100-2                    	 10	 40000000 ns/op	 0.015 bundle-MB
BenchmarkLoad/n=100-2                     	 10	 200000000 ns/op	 4.5 heap-MB	 29 peak-rss-MB	 26 rss-MB
PASS
`

const cedarOut = `pkg: github.com/iamc/iamc/bench/cedar
BenchmarkDecide/n=100/kind=user-allow-2   	 100	 9000 ns/op	 5000 p50-ns	 90000 p99-ns
BenchmarkDecide/n=1000/kind=user-allow-2  	 100	 9000 ns/op	 1500000 p50-ns	 90000 p99-ns
BenchmarkWide/n=1000/kind=user-allow-2    	 100	 9000 ns/op	 2200000 p50-ns	 90000 p99-ns
`

func TestTable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, text := range map[string]string{"iamc.txt": iamcOut, "cedar.txt": cedarOut} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	iamc, err := read(filepath.Join(dir, "iamc.txt"))
	require.NoError(t, err)
	cedar, err := read(filepath.Join(dir, "cedar.txt"))
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, write(&out, iamc, cedar))
	got := out.String()
	// The median of the runs' medians: 12 µs, not the mean of 10, 12, 99.
	assert.Contains(t, got, "| 100 | user-allow | 12 µs | 5 µs | 2.4× slower | 1× |")
	assert.Contains(t, got, "| 1,000 | user-allow | 15 µs | 1.5 ms | 100× faster | 1.2× |")
	assert.Contains(t, got, "| 100 | batch of 100 | 2.5 µs | — | — | 1× |")
	assert.Contains(t, got, "| 100 | 40 ms | 0.015 MB | 200 ms | 4.5 MB | 26 MB | 29 MB | — | — |")
	// The wide table: flatness against the smallest size, cedar-go beside.
	assert.Contains(t, got, "| 100 | user-allow | 20 µs | — | — | 1× |")
	assert.Contains(t, got, "| 1,000 | user-allow | 22 µs | 2.2 ms | 100× faster | 1.1× |")

	require.Error(t, write(&out, results{}, cedar), "no iamc results is an error, not an empty table")
}

const floorOut = `pkg: github.com/iamc/iamc/bench/floor
BenchmarkFloor/trivial-2   	 100000	 10000 ns/op	 2104 B/op	 31 allocs/op
BenchmarkFloor/floor-2     	 10000	 150000 ns/op	 13146 B/op	 288 allocs/op
BenchmarkFloor/decide-2    	 3000	 400000 ns/op	 34258 B/op	 543 allocs/op
BenchmarkFloor/allowed-2   	 7000	 200000 ns/op	 23510 B/op	 372 allocs/op
BenchmarkRatio-2           	 1978	 609409 ns/op	 190914 allowed-ns/op	 20 allowed/trivial	 310471 decide-ns/op	 3 decide/floor	 40 decide/trivial	 100770 floor-ns/op	 6774 trivial-ns/op
BenchmarkBatch-2           	 20	 61471863 ns/op	 300000 batch-ns/decision	 1.2 batch/single	 250000 single-ns/decision
`

// The floor table: each query's latency and allocations, the ratios of
// BenchmarkRatio, and the batch line; nothing without results.
func TestFloorTable(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "floor.txt")
	require.NoError(t, os.WriteFile(path, []byte(floorOut), 0o644))
	floor, err := read(path)
	require.NoError(t, err)
	var out bytes.Buffer
	writeFloor(&out, floor)
	got := out.String()
	assert.Contains(t, got, "| OPA's cheapest prepared query (`input.principal`) | 10 µs | 31 | — | — |")
	assert.Contains(t, got, "| iamc `Decide` | 400 µs | 543 | 40.0× | 3.0× |")
	assert.Contains(t, got, "| iamc `Allowed` | 200 µs | 372 | 20.0× | — |")
	assert.Contains(t, got, "300 µs per decision, against 250 µs for single decisions (1.20×)")

	out.Reset()
	writeFloor(&out, results{})
	assert.Empty(t, out.String())
}
