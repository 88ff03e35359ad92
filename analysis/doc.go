// Package analysis answers the questions people ask of a whole IAM model,
// on the decisions of the engine that decides single requests:
//
//   - [WhoCan]: every principal allowed an action on a resource — users with
//     long-term keys or with MFA, account root users, the sessions of roles
//     with every way into each role (who can assume it, under which
//     conditions, through chains of roles), federated user sessions, and
//     the services and anonymous callers a resource policy admits;
//   - [Can]: every action a principal (or a session of a role) may perform,
//     on which resources, and the conditions it depends on;
//   - [Diff]: every request whose decision differs between two revisions
//     of a project, as access gained and lost;
//   - [Escalations] and [Paths]: the ways a principal can become another
//     principal or gain permissions (iam:PassRole, sts:AssumeRole,
//     iam:CreateAccessKey, iam:AttachUserPolicy, …), and who reaches
//     administrator access;
//   - [Graph]: principals, groups, roles and who can assume what, as
//     Graphviz dot or Mermaid.
//
// # How answers rest on decisions
//
// Every access reported is a decision of the engine ([rego.Engine]):
// nothing here evaluates a policy to an answer. What this package computes
// itself is which requests to ask: the candidates. It reads the compiled
// model (data.iamc.model: principals, roles, policy sets and lowered
// statements) and keeps a request when some Allow statement that the
// principal's policies or the resource's policy hold could apply to it —
// its action patterns match and its resource patterns may match. That
// test over-approximates (a condition or a policy variable always "may"
// hold), so it drops only requests that no statement could allow; the
// engine then decides every request kept. Tests hold the candidates to
// [rego.Engine.Decide] on sampled requests: no request outside them is
// allowed.
//
// Where a question has infinitely many requests — every resource ARN,
// every context value — the answer is given for representatives: the
// resource patterns the statements name and instances of them, and the
// condition values they test. docs/analysis.md says where this is exact
// and where it is not.
package analysis
