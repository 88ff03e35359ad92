// Command iamc compiles AWS-IAM-style identities and policies written in HCL
// into OPA bundles, and decides, tests and checks them.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit statuses.
const (
	exitOK       = 0
	exitFailures = 1 // tests failed, findings at or above the threshold
	exitInvalid  = 2 // the project does not compile, or the command line is wrong
)

// exitError carries an exit status; a nil err means the reason was already
// printed.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRootCmd(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(stderr, "iamc: %v\n", ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(stderr, "iamc: %v\n", err)
	if isUsageError(err) {
		fmt.Fprintln(stderr, "Run 'iamc --help' for usage.")
		return exitInvalid
	}
	return exitFailures
}
