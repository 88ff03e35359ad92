// Package rego is iamc's decision engine: the IAM evaluation core written in
// Rego (embedded in every bundle iamc builds) and the Go engine that loads a
// bundle and decides. With the bundle of the coffee shop (iamc build
// examples/coffee-shop -o coffee.tar.gz), its owner refunds:
//
//	eng, err := rego.Load(ctx, rego.FromFile("coffee.tar.gz"))
//	dec, err := eng.Decide(ctx, rego.Request{
//		Principal: "arn:aws:iam::111122223333:user/owner",
//		Action:    "register:Refund",
//		Resource:  "arn:aws:register:::till/1",
//	})
//	if dec.Allowed { … }
//
// A program that has the HCL project rather than a bundle gets its engine
// from compiler.Engine, which compiles it in process.
//
// The query is prepared once at Load; an Engine is safe for concurrent use.
// WithVerificationKey makes Load verify a signed bundle (iamc build
// --signing-key) and refuse one that is tampered, unsigned or signed with
// another key.
//
// Error contract: Decide never reports an allow it could not compute. When
// the input is malformed or unknown (no such principal, an expired session, a
// bad context value) the Decision is a deny with the reason in Errors and the
// error is nil. When evaluation itself fails (a cancelled context, an engine
// fault) the Decision is still a deny, with the reason in Errors, and the
// error is returned as well. Every reason has a stable code
// (Decision.ErrorDetails): a program tells them apart with errors.Is on
// Decision.Err, as in errors.Is(dec.Err(), rego.ErrSessionExpired).
//
// The decisions follow AWS IAM; docs/semantics.md is the specification. All
// decision logic is Rego inside the bundle, so an OPA sidecar given the same
// input returns the same decision.
//
// [AWS IAM]: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
package rego
