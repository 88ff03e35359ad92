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
	ctx, stop := signalContext(context.Background())
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// signalContext is cancelled by SIGINT or SIGTERM, with the signal as its
// cause: a command stops what it is doing, leaves what it was writing as it
// was, and iamc exits with 128 + the signal's number, as a shell reports a
// command killed by it (130 for SIGINT, 143 for SIGTERM).
func signalContext(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			cancel(&signalError{sig.(syscall.Signal)})
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig syscall.Signal }

func (e *signalError) Error() string { return "interrupted by " + e.sig.String() }

// exitCode is the shell's status for a process ended by the signal.
func (e *signalError) exitCode() int { return 128 + int(e.sig) }

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
	var sig *signalError
	if errors.As(context.Cause(ctx), &sig) {
		// Whatever the command returned, it stopped because of the signal.
		fmt.Fprintf(stderr, "iamc: %v: stopped\n", sig)
		return sig.exitCode()
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
