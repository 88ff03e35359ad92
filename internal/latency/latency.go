// Package latency times benchmark iterations one by one, so that a
// benchmark can report the median (p50-ns) and the tail (p99-ns) of its
// operations besides the mean that `go test -bench` reports as ns/op. On a
// shared machine the median is the steadier figure: a preempted iteration
// moves the mean, not the median.
package latency

import (
	"slices"
	"testing"
	"time"
)

// Loop runs op for b.Loop's iterations, timing each, and reports the median
// and the 99th percentile as p50-ns and p99-ns. op gets the iteration's
// index, to pick the iteration's input.
func Loop(b *testing.B, op func(i int)) {
	report(b, run(b, op), 1, "")
}

// LoopBatch is Loop for an operation of size decisions: it reports
// p50-ns/decision and p99-ns/decision (the latency of a batch divided by
// its size) and the mean, ns/decision.
func LoopBatch(b *testing.B, size int, op func(i int)) {
	report(b, run(b, op), size, "/decision")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*size), "ns/decision")
}

func run(b *testing.B, op func(i int)) []time.Duration {
	samples := make([]time.Duration, 0, 1024)
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		op(i)
		samples = append(samples, time.Since(start))
	}
	return samples
}

func report(b *testing.B, samples []time.Duration, per int, unit string) {
	if len(samples) == 0 {
		return
	}
	slices.Sort(samples)
	q := func(p float64) float64 {
		return float64(samples[int(p*float64(len(samples)-1))].Nanoseconds()) / float64(per)
	}
	b.ReportMetric(q(0.50), "p50-ns"+unit)
	b.ReportMetric(q(0.99), "p99-ns"+unit)
}
