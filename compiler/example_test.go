package compiler_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"testing/fstest"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/rego"
)

// A Go program with the HCL project itself, not a bundle, compiles it into
// an engine in process. Here the coffee shop's owner refunds, allowed by
// the JSON policy of owner.json.
func ExampleEngine() {
	ctx := context.Background()
	eng, err := compiler.Engine(ctx, os.DirFS("../examples/coffee-shop"))
	if err != nil {
		log.Fatal(err)
	}
	dec, err := eng.Decide(ctx, rego.Request{
		Principal: "arn:aws:iam::111122223333:user/owner",
		Action:    "register:Refund",
		Resource:  "arn:aws:register:::till/1",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(dec.Decision, dec.Reasons[0].Ref(), dec.Reasons[0].Source)
	// Output:
	// allow policy.owner.statement.RunTheShop owner.json:4:5
}

// A project with mistakes is a *ProjectError, which lists every one.
func ExampleProjectError() {
	project := fstest.MapFS{"main.hcl": {Data: []byte(`
user "employee" {
  groups = [group.staf]
}

group "staff" {}
`)}}
	_, err := compiler.Engine(context.Background(), project)
	var pe *compiler.ProjectError
	if errors.As(err, &pe) {
		fmt.Println(err)
		fmt.Println(len(pe.Diagnostics), "diagnostic")
	}
	// Output:
	// the project does not compile: main.hcl:3:13: error: Unknown reference: no group named "staf"; did you mean "staff"?
	// 1 diagnostic
}
