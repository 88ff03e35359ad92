// Package check finds mistakes in an iamc project before its policies ship:
// what makes a policy invalid (the compiler's own diagnostics, each given a
// stable code), what makes it dangerous, and what makes it untidy.
//
// Every finding has a severity — error, security warning, warning or
// suggestion, the levels of [IAM Access Analyzer policy validation] — a
// stable code (listed by [Rules]), the source range it is about and a
// one-line hint. Findings render as text, JSON or SARIF 2.1.0 ([Get]).
//
// The analyses follow the evaluation semantics of docs/semantics.md: a
// finding says what a policy means, not how it looks.
//
// [IAM Access Analyzer policy validation]: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
package check
