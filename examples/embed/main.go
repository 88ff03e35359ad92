// Command embed shows a Go program deciding with an iamc bundle: it loads
// the bundle once, assumes the Cashier role with MFA, and decides a few
// requests of the coffee-shop story.
//
//	iamc build examples/coffee-shop -o coffee.tar.gz
//	go run ./examples/embed coffee.tar.gz
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/iamc/iamc/rego"
)

const (
	employee = "arn:aws:iam::111122223333:user/staff/employee"
	cashier  = "arn:aws:iam::111122223333:role/shop/Cashier"
	till     = "arn:aws:register:::till/1"
)

func main() {
	path := "coffee.tar.gz"
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	if err := run(context.Background(), rego.FromFile(path), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "embed:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, src rego.Source, w io.Writer) error {
	eng, err := rego.Load(ctx, src)
	if err != nil {
		return err
	}

	// Without MFA the trust policy does not let the employee in.
	_, err = eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier})
	var denied *rego.AssumeRoleError
	if errors.As(err, &denied) {
		fmt.Fprintf(w, "assume Cashier without MFA: %s (missing %v)\n", denied.Decision.Decision, denied.Decision.MissingContext)
	}

	sess, err := eng.AssumeRole(ctx, rego.AssumeRoleRequest{Principal: employee, Role: cashier, MFA: true, Duration: time.Hour})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "assumed %s\n", sess.ARN)

	for _, action := range []string{"register:Sell", "register:Refund", "inventory:CountStock"} {
		dec, err := eng.Decide(ctx, rego.Request{Principal: employee, Action: action, Resource: till, Session: sess})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%-22s %-14s", action, dec.Decision)
		for _, r := range dec.Reasons {
			fmt.Fprintf(w, " %s %s.%s (%s)", r.Effect, r.Policy, r.Statement, r.Source)
		}
		fmt.Fprintln(w)
	}
	return nil
}
