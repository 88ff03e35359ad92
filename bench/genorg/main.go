// Command genorg writes a synthetic organization (internal/gen) as an iamc
// project, so that `iamc build` and `iamc eval` can be run on it, and prints
// a few designed requests with the decision each must get.
//
//	go run ./bench/genorg -statements 10000 -o /tmp/org10k
//	iamc build /tmp/org10k -o /tmp/org10k.tar.gz
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/iamc/iamc/internal/gen"
)

func main() {
	n := flag.Int("statements", 1000, "the number of statements in the organization")
	seed := flag.Uint64("seed", 1, "the generator's seed")
	out := flag.String("o", "", "the directory to write the project into (required)")
	samples := flag.Int("requests", 1, "designed requests to print per kind, as iamc eval command lines")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: genorg -statements N [-seed S] -o DIR")
		os.Exit(2)
	}
	org, err := gen.New(gen.Config{Statements: *n, Seed: *seed})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := org.WriteDir(*out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("wrote %s: %d statements, %d users, %d groups, %d roles, %d policies\n",
		*out, org.Statements(), len(org.Users), len(org.Groups), len(org.Roles), len(org.Policies))
	for _, k := range gen.Kinds {
		reqs, err := org.Requests(k, *samples, *seed)
		if err != nil {
			fmt.Printf("# %s: %v\n", k, err)
			continue
		}
		for _, r := range reqs {
			fmt.Printf("# %s: expect %s (%s)\n", k, r.Expect, r.By)
			fmt.Printf("iamc eval %s --principal user.%s", *out, r.Principal.Name)
			if r.Role != nil {
				fmt.Printf(" --assume role.%s", r.Role.Name)
			}
			fmt.Printf(" --action %s --resource %s --context %s=%s --context %s=%s\n",
				r.Action, r.Resource, gen.ContextRegion, r.Region, gen.ContextSourceIP, r.SourceIP)
		}
	}
}
