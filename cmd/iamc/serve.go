package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/server"
)

type serveParams struct {
	dir      string
	addr     string
	interval time.Duration
	sign     signParams
}

func newServeCmd(s *streams) *cobra.Command {
	p := &serveParams{}
	cmd := &cobra.Command{
		Use:   "serve [DIR]",
		Short: "Serve a project's bundle to OPA sidecars, rebuilding it on change",
		Long: `Serve compiles DIR (default: the current directory) and serves the bundle over
HTTP for OPA's bundle service, at the stable path /bundles/iamc.tar.gz, with an
ETag: OPA sends it back in If-None-Match when it polls and gets 304 Not
Modified until the bundle changes.

Serve watches DIR and rebuilds after a change has settled. When a change does
not compile, the last good bundle is still served; the log and /status say
why. /health answers 200 while a bundle is served. With --signing-key every
bundle is signed (see iamc build --help). SIGTERM or Ctrl-C stops the server
cleanly.

The project must compile when serve starts: otherwise its errors are printed
and serve exits with status 2. examples/sidecar has an OPA configuration for
sidecars polling this server.`,
		Example: `  iamc serve policies --addr 127.0.0.1:8282
  curl -s localhost:8282/status

  # signed, and a sidecar polling it that verifies the signature:
  iamc serve policies --addr 127.0.0.1:8282 --signing-key key.pem --key-id iamc
  opa run --server -c examples/sidecar/opa-config.yaml --set-file keys.iamc.key=pub.pem`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.dir = "."
			if len(args) == 1 {
				p.dir = args[0]
			}
			if p.interval <= 0 {
				return usageError{fmt.Errorf("--interval must be positive, not %s", p.interval)}
			}
			signing, err := p.sign.signing(cmd)
			if err != nil {
				return err
			}
			return runServe(cmd.Context(), s, p, signing)
		},
	}
	f := cmd.Flags()
	f.StringVar(&p.addr, "addr", "127.0.0.1:8282", "address to listen on (host:port; port 0 picks a free one)")
	f.DurationVar(&p.interval, "interval", server.DefaultInterval, "how often DIR is checked for changes")
	p.sign.addFlags(f)
	return cmd
}

// shutdownTimeout bounds how long serve waits for requests in flight.
const shutdownTimeout = 5 * time.Second

func runServe(ctx context.Context, s *streams, p *serveParams, signing *compiler.Signing) error {
	srv, err := server.NewContext(ctx, server.Config{Dir: p.dir, Signing: signing, Interval: p.interval, Log: s.err})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var be *server.BuildError
	if errors.As(err, &be) {
		if perr := printDiagnostics(s.err, p.dir, be.Project, be.Diagnostics); perr != nil {
			return perr
		}
		return &exitError{code: exitInvalid, err: err}
	}
	if err != nil {
		return &exitError{code: exitInvalid, err: err}
	}
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		return &exitError{code: exitFailures, err: err}
	}
	base := "http://" + ln.Addr().String()
	st := srv.Status()
	fmt.Fprintf(s.err, "iamc serve: serving %s (revision %.12s) at %s%s; status at %s%s\n",
		p.dir, st.Revision, base, server.BundlePath, base, server.StatusPath)

	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		srv.Watch(watchCtx)
	}()
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	select {
	case err = <-served:
		// The listener failed on its own.
		stopWatch()
		<-watched
		return &exitError{code: exitFailures, err: err}
	case <-ctx.Done():
	}
	fmt.Fprintln(s.err, "iamc serve: shutting down")
	stopWatch()
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err = hs.Shutdown(sctx)
	<-served
	<-watched
	if err != nil {
		return &exitError{code: exitFailures, err: fmt.Errorf("shut down: %w", err)}
	}
	fmt.Fprintln(s.err, "iamc serve: stopped")
	return nil
}
