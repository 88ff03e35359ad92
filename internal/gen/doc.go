// Package gen generates synthetic organizations for iamc's benchmarks: a
// seeded, deterministic project of users, groups, roles, managed policies,
// permissions boundaries and SCPs of a chosen size (counted in statements),
// written as HCL files that `iamc build` compiles, together with requests
// whose decisions are known by construction.
//
// # The organization
//
// An organization "org" with a management account (100000000000, empty) and
// one member account (200000000000) under the unit "workloads", whose SCPs
// are full_access (Allow * on *) and guard (Deny everything but the global
// services outside four regions, a NotAction statement; Deny
// organizations:LeaveOrganization). In the member account, for
// N statements: N/10 users, max(10, N/100) groups, max(1, N/50) roles (the
// sizes of the build target: 100,000 statements, 10,000 users, 1,000
// groups, 2,000 roles), and managed policies of 1 to 15 statements over
// twenty service prefixes that fill the rest of the statement budget. Each
// group is a team that owns a resource namespace,
// arn:aws:<svc>:<region>:200000000000:<type>/team-<g>/<env>/<project>/<item>,
// and each policy is written by one team for its namespace. Users are in 1 to
// 3 groups; one user in a hundred is in 10 groups of 10 policies each. Some
// users and roles have a permissions boundary. Every role trusts one to three
// users by ARN.
//
// Statements come in seven shapes, every one of them wildcard-bearing except
// the second:
//
//	allow-wild    svc:Get*, svc:List*  on .../team-T/*            if aws:RequestedRegion is one of two
//	allow-exact   svc:GetX, svc:PutX, svc:UpdateX  on two exact ARNs
//	allow-mid     svc:*  on .../team-T/*/proj-K/*                 if aws:SourceIp is in 10.a.0.0/16
//	allow-read    svc:Describe*, svc2:List*  on *
//	allow-suffix  svc:*X  on .../team-T/dev/*
//	deny-prod     Deny svc:Delete*  on arn:aws:svc:*:ACCT:*/team-T/prod/*
//	deny-offnet   Deny svc:DeleteX  on *                          if aws:SourceIp is not in 10.0.0.0/8
//
// # Decisions known by construction
//
// These invariants hold for every organization the package makes, and give
// each generated request its expected decision without evaluating anything:
//
//  1. Deny statements name only Delete actions. Allow statements on "*" name
//     only Describe and List actions. Every other Allow names resources
//     inside a team namespace (…/team-<g>/…).
//  2. Boundaries allow <svc>:* for all services but two, on "*"; SCPs allow
//     everything in the four regions of the guard SCP.
//
// So a request for a non-Delete action, made in an allowed region, that
// matches one Allow statement of the principal (with the context its
// condition wants) and whose service its boundary allows, is allowed: no
// Deny can apply (1) and every guardrail allows (2). A request for
// <svc>:Delete<X> on a prod resource of team T, by a principal with the
// deny-prod statement of team T for svc, is an explicit deny whatever else
// applies. A request for <svc>:Get<X> on a resource outside every team
// namespace matches no Allow (1: neither a namespace pattern nor a
// Describe/List action on "*") and no Deny, so it is an implicit deny, even
// though the principal has statements for that service.
package gen
