package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/iamc/iamc/compiler"
	"github.com/iamc/iamc/internal/english"
)

type buildParams struct {
	dir    string
	output string
	format string
	quiet  bool
	// requestTime makes the bundle take a request's time from the input.
	requestTime bool
	sign        signParams
}

// signParams are the signing flags, shared by build and serve.
type signParams struct {
	key        string
	alg        string
	keyID      string
	claimsFile string
}

func (p *signParams) addFlags(f *pflag.FlagSet) {
	f.StringVar(&p.key, "signing-key", "", "sign the bundle with this private key (PEM file; for HS* the file holding the secret)")
	f.StringVar(&p.alg, "signing-alg", "RS256", "signing algorithm: RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, HS256, HS384, HS512")
	f.StringVar(&p.keyID, "key-id", compiler.DefaultKeyID, "key ID written in the signature (kid), as verifiers name the key")
	f.StringVar(&p.claimsFile, "claims-file", "", "JSON file of extra claims for the signature, such as scope")
}

// signing reads the signing key; nil when the bundle is not to be signed.
func (p *signParams) signing(cmd *cobra.Command) (*compiler.Signing, error) {
	if p.key == "" {
		for _, name := range []string{"signing-alg", "key-id", "claims-file"} {
			if cmd.Flags().Changed(name) {
				return nil, usageError{fmt.Errorf("--%s needs --signing-key", name)}
			}
		}
		return nil, nil
	}
	key, err := os.ReadFile(p.key)
	if err != nil {
		return nil, usageError{fmt.Errorf("--signing-key: %w", err)}
	}
	return &compiler.Signing{Key: string(key), Algorithm: p.alg, KeyID: p.keyID, ClaimsFile: p.claimsFile}, nil
}

func newBuildCmd(s *streams) *cobra.Command {
	p := &buildParams{}
	cmd := &cobra.Command{
		Use:   "build [DIR]",
		Short: "Compile a project directory into an OPA bundle",
		Long: `Build compiles every *.hcl file of DIR (default: the current directory) into
an OPA bundle: the Rego evaluation core, a module generated for the project and
data.json holding the indexed policies, with a .manifest whose revision is a
hash of the content and whose roots are ["iamc"].

The same input always gives the same bytes. The bundle is written atomically:
when the project has errors, they are printed (file:line:col) and no file is
written. *_test.hcl and *_test.rego files are never packed. On a terminal, a build
that takes more than a second shows its stage on a status line (standard
error), cleared when it ends.

--format dir writes the bundle unpacked into a directory (default "bundle"),
for "opa run --bundle DIR", a volume shared with sidecars or a file syncer. The
directory is replaced whole, never left half written; an existing directory
must be an earlier bundle or empty.

--signing-key signs the bundle as OPA does: .signatures.json holds a JWT over
the SHA-256 hash of every file. "opa run --verification-key pub.pem" and
rego.WithVerificationKey verify it. The key ID defaults to "default", which is
what OPA's --verification-key-id expects unless told otherwise.

--request-time makes the bundle take the time of a request from the input's
"time" field (RFC 3339) instead of the clock: for sidecars that replay
recorded requests or run tests. A sidecar that decides live requests must not
use it, since whoever builds the input could then choose the time (revive an
expired session, step around a date condition).`,
		Example: `  iamc build examples/coffee-shop -o coffee.tar.gz
  iamc build -o /srv/bundles/iam.tar.gz
  iamc build examples/coffee-shop --format dir -o /srv/opa/iam

  # signed, then verified by a real OPA:
  openssl genrsa -out key.pem 2048 && openssl rsa -in key.pem -pubout -out pub.pem
  iamc build examples/coffee-shop -o coffee.tar.gz --signing-key key.pem
  opa run --server --bundle coffee.tar.gz --verification-key pub.pem`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.dir = "."
			if len(args) == 1 {
				p.dir = args[0]
			}
			if p.format != "tar" && p.format != "dir" {
				return usageError{fmt.Errorf("--format is tar or dir, not %q", p.format)}
			}
			if p.format == "dir" && !cmd.Flags().Changed("output") {
				p.output = "bundle"
			}
			signing, err := p.sign.signing(cmd)
			if err != nil {
				return err
			}
			return runBuild(cmd.Context(), s, p, signing)
		},
	}
	cmd.Flags().StringVarP(&p.output, "output", "o", "bundle.tar.gz", "the bundle file (or directory, with --format dir) to write")
	cmd.Flags().StringVar(&p.format, "format", "tar", "tar (a gzipped tarball) or dir (unpacked)")
	cmd.Flags().BoolVarP(&p.quiet, "quiet", "q", false, "print nothing on success")
	cmd.Flags().BoolVar(&p.requestTime, "request-time", false, "take a request's time from the input's \"time\" field, for replays and tests (never for live decisions)")
	p.sign.addFlags(cmd.Flags())
	return cmd
}

func runBuild(ctx context.Context, s *streams, p *buildParams, signing *compiler.Signing) error {
	show := !p.quiet && isTerminal(s.err)
	st := newStatus(s.err, "build", compiler.StageLoad, show, statusDelay)
	out, proj, diags, err := compiler.BuildContext(compiler.WithProgress(ctx, st.Set), p.dir)
	st.Stop()
	if err != nil {
		return err
	}
	if err := printDiagnostics(s.err, p.dir, proj, diags); err != nil {
		return err
	}
	if err := checkOutput(p.output, p.format == "dir", p.dir, proj); err != nil {
		return &exitError{code: exitInvalid, err: fmt.Errorf("-o %w", err)}
	}
	if p.requestTime {
		out.AcceptRequestTime()
	}
	if signing != nil {
		if err := out.Sign(*signing); err != nil {
			return &exitError{code: exitInvalid, err: err}
		}
	}
	st = newStatus(s.err, "build", "writing "+p.output, show, statusDelay)
	if p.format == "dir" {
		err = out.WriteDirContext(ctx, p.output)
	} else {
		err = compiler.WriteFileAtomicContext(ctx, p.output, func(w io.Writer) error { return out.WriteBundle(w) })
	}
	st.Stop()
	var target *compiler.TargetError
	if errors.As(err, &target) {
		return &exitError{code: exitInvalid, err: fmt.Errorf("-o %w", err)}
	}
	if err != nil {
		return &exitError{code: exitFailures, err: fmt.Errorf("write %s: %w", p.output, err)}
	}
	if !p.quiet {
		size := int64(0)
		for _, b := range out.Files() {
			size += int64(len(b))
		}
		if st, err := os.Stat(p.output); err == nil && !st.IsDir() {
			size = st.Size()
		}
		signed := ""
		if signing != nil {
			signed = fmt.Sprintf(", signed %s (key id %s)", signing.Algorithm, signing.KeyID)
		}
		fmt.Fprintf(s.err, "built %s: %s, %s, %s, revision %.12s, %s%s\n", p.output,
			english.Count(out.ProjectStatements(), "statement", "statements"), english.Count(len(proj.Users), "user", "users"),
			english.Count(len(proj.Roles), "role", "roles"), out.Revision, humanSize(size), signed)
	}
	return nil
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
