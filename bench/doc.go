// Package bench holds iamc's scale benchmarks: decisions, batches, builds
// and bundle loads over synthetic organizations of 100 to 100,000
// statements made by internal/gen. It has no code of its own besides the
// benchmarks in its tests; `make bench` runs them, with the side-by-side
// comparison with cedar-go that lives in the nested module bench/cedar, and
// prints the table of README.md's performance section.
//
//	go test -run '^$' -bench . ./bench/ -args -sizes 100,1000
//
// Flags after -args: -sizes (the organization sizes, in statements), -seed,
// -requests (the size of each pool of designed requests), -batches (how
// many principals' batches BenchmarkDecideBatch cycles through).
package bench
