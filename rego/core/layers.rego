# The layers of §3: identity policies, permissions boundary, SCPs,
# resource-based policy and session policy, each with its applicable Allow and
# Deny statements, the verdict that combines them, and the decision object.
package iamc.core

import data.iamc.model as m

# ---------------------------------------------------------------- candidates

# _cands(ps): the candidate statements of policy set ps for the request's
# action and resource, as one part [A, D, a, d] (compiler/compile.go,
# candValue): the Allows and Denies that apply whatever the resource and the
# context, then the Allows and Denies to check.
#
# The compiler lists, under every action a policy set names exactly, every
# statement of the set that matches it — wildcard, "*" and NotAction
# statements included — so most requests need one lookup. Other actions go
# through the wildcard patterns of their service, the "*" and the NotAction
# statements; for a service with a catalog, such an action must be in it
# (else the request is an error, errors.rego).
_cands(psid) := _narrow(m.cl[i]) if {
	i := _xindex(m.psets[psid].xs, _act)
} else := _merge(_wild_parts(m.psets[psid])) if {
	_catalog_ok(_svc, _act)
}

# _xindex finds action a in a policy set's exact index, the string
# ",action=NNNNNNN,…" (an OPA object of as many entries would cost hundreds
# of bytes each in memory), and returns the index of its candidate list.
# The action has passed the check of _act: no "," or "=" in it.
_xindex(xs, a) := to_number(substring(xs, (i + count(a)) + 2, 7)) if {
	i := indexof(xs, concat("", [",", a, "="]))
	i >= 0
}

# A long candidate list is indexed by resource: the statements whose
# Resource is the requested ARN (e), those whose literal start is a prefix
# of it ending at a "/" or ":" (p), and the rest (u).
_narrow(c) := c if is_array(c)

_narrow(c) := _merge([p |
	some p in array.concat([object.get(c, ["e", _res], _none), c.u], [p | some k in _res_keys; p := c.p[k]])
	p != [[], [], [], []]
]) if {
	is_object(c)
}

_none := [[], [], [], []]

# The prefixes of the requested ARN that the resource index is keyed by:
# up to each ":" or "/" from the one that starts the resource part on.
_res_keys := [substring(_res, 0, i + 1) | some i in _res_cuts]

_res_cuts := array.concat(array.slice(colons, 4, count(colons)), [i | some i in indexof_n(_res, "/"); i > colons[4]]) if {
	colons := indexof_n(_res, ":")
	count(colons) >= 5
}

_merge(parts) := parts[0] if {
	count(parts) == 1
} else := _none if {
	count(parts) == 0
} else := [
	[id | some p in parts; some id in p[0]],
	[id | some p in parts; some id in p[1]],
	[id | some p in parts; some id in p[2]],
	[id | some p in parts; some id in p[3]],
]

# The lists of an action that the set does not name exactly: those of its
# service's wildcard patterns that match (prefixes by startswith, the others
# by glob), of its "*" statements, and of its NotAction statements that do
# not list the action.
_wild_parts(ps) := array.concat(
	array.concat(
		[_narrow(m.cl[e[1]]) | some e in _wild_bucket(ps).p; startswith(_act, e[0])],
		[_narrow(m.cl[e[1]]) | some e in _wild_bucket(ps).g; glob.match(e[0], null, _act)],
	),
	array.concat(
		[_narrow(m.cl[ps.a]) | ps.a != null],
		[_not_listing(_narrow(m.cl[ps.n])) | ps.n != null],
	),
)

_wild_bucket(ps) := b if {
	b := m.wl[ps.w[_svc]]
} else := {}

_not_listing(part) := [[id | some id in part[k]; not _any_pm(m.st[id].na, _act)] | some k in [0, 1, 2, 3]]

# A service with a catalog (a service block) has only the actions it lists.
_catalog_ok(s, _) if not m.cat[s]

_catalog_ok(s, a) if m.cat[s][substring(a, count(s) + 1, -1)]

# The statements of a candidate part that apply to the request (§2).
_allows(c) := [m.st[id] | some id in c[0]] if {
	c[2] == []
} else := array.concat([m.st[id] | some id in c[0]], [st | some id in c[2]; st := m.st[id]; _applies(st)])

_denies(c) := [m.st[id] | some id in c[1]] if {
	c[3] == []
} else := array.concat([m.st[id] | some id in c[1]], [st | some id in c[3]; st := m.st[id]; _applies(st)])

# The applicable statements of a resource-based policy, each with how its
# Principal names the caller (§3.1 step 4).
_rp_hits(ids) := [[st, kind] |
	some id in ids
	st := m.st[id]
	kind := _pmatch(st)
	_applies(st)
]

_pmatch(st) := "direct" if {
	st.pr[_who.arn]
} else := "role" if {
	st.pr[_who.role]
} else := "account" if {
	st.pr[_who.a]
} else := "any" if {
	# "*" is everyone: a direct grant to whoever its conditions admit, even
	# when they narrow it to an account or an organization (§3.1 step 4).
	st.pr["*"]
}

# NotPrincipal (Deny only): applies unless every identity of the caller is
# listed (§2.3, [P] NotPrincipal).
_pmatch(st) := "not" if {
	st.np
	some i in _who_ids
	not st.np[i]
}

# A Deny with NotPrincipal always denies a principal that has a permissions
# boundary, whatever it lists ([B], §7).
_pmatch(st) := "not" if {
	st.np
	_who.b
}

# ---------------------------------------------------------------- the verdict

# The principal's own side: each of its policy sets (compiler/compile.go,
# sideOf: "i" its identity policies, "b" its permissions boundary, "s" an
# SCP level; none for anonymous and service callers), with its candidates
# and the Allows and Denies that apply. Each must allow a request (§3.1):
# the identity policies (or a resource policy in their stead), the
# boundary, and every SCP level (§3.3: the compiler lists SCP levels only on
# the principals they bind: not the management account's, nor service-linked
# roles).
_side := [[code, c, _allows(c), _denies(c)] | some [code, ps] in _who.p; c := _cands(ps)]

# The resource's entry, {} when it has none: most projects have no
# resource-based policy, and most actions are not gatekept by a trust
# policy, which the first body answers at once.
_entry := {} if {
	not m.rb
	not _act in _trust_actions
} else := e if {
	e := _resource_entry
} else := {}

# The resource-based policy: its candidates, its applicable Allows (each
# with how its Principal names the caller, §3.1 step 4) and Denies.
_rp := [c, allows, [st | some [st, _] in _rp_hits(array.concat(c[1], c[3]))]] if {
	c := _cands(_entry.ps)
	allows := _rp_hits(array.concat(c[0], c[2]))
} else := [_none, [], []]

# Role sessions without a session policy keep the role's permissions; a
# federated user session has only what its session policy allows (§3.1
# step 7).
default _session_ok := false

_session_ok if not _sess

_session_ok if {
	_sess
	not _has_session_policy
	not _federated
}

_session_ok if {
	_has_session_policy
	count(_sp_allow) > 0
}

_sp_allow := [st | some i in _sp_set; st := _sp_stmts[i]; st.e == "Allow"]

_sp_deny := [st | some i in _sp_set; st := _sp_stmts[i]; st.e == "Deny"]

# _verdict: the outcome (§3), computed in one body: OPA evaluates a local
# variable at a fraction of the cost of a rule. Truth values are booleans
# (x := a > b), combined with "in" and equality: any(l) is `true in l`,
# all(l) is `l == [true, …]` (opa fmt would drop the parentheses of
# `(false in l) == false`, and with them its meaning).
#   lacking  the principal-side codes with a policy set that allows nothing
#   denied   the principal-side codes with a Deny that applies
_verdict := v if {
	w := _who
	lacking := {code | some [code, _, a, _] in _side; count(a) == 0}
	denied := {code | some [code, _, _, d] in _side; count(d) > 0}
	rp := _rp
	kinds := {kind | some [_, kind] in rp[1]}
	explicit := true in [count(denied) > 0, count(rp[2]) > 0, count(_sp_deny) > 0, count(_rcp_denies) > 0, count(_endpoint_hits[1]) > 0]

	# The root user has no identity policies: it is allowed everything in
	# its own account (§4.4), and has no "i" set to lack an allow.
	id_ok := (lacking & {"i"}) == set()
	bd_ok := (lacking & {"b"}) == set()
	scp_ok := (lacking & {"s"}) == set()
	sess_ok := _session_ok
	same := _resource_account == w.a
	iam := w.t in {"User", "Account", "AssumedRole", "FederatedUser"}
	rp_ok := count(rp[1]) > 0
	gate := object.get(_entry, "g", false)

	# A resource policy naming the caller itself (user, session, federated
	# session, a service, everyone, or everyone but a NotPrincipal list) grants in the same account despite
	# implicit denies; naming the session's role counts as an identity
	# allow, still within the boundary and the session policy (§3.1 step
	# 4). Trust and KMS key policies are gatekeepers: they must allow the
	# caller in every case (§4.2). Cross-account, both accounts must allow
	# (§3.2). Anonymous callers and services have only resource policies
	# (§3.4).
	direct := true in ["direct" in kinds, "any" in kinds, "not" in kinds]
	pside := [true in [id_ok, "role" in kinds], bd_ok, sess_ok] == [true, true, true]
	granted := true in [
		[gate == false, same, iam, true in [pside, direct]] == [true, true, true, true],
		[gate, same, rp_ok, true in [pside, direct]] == [true, true, true, true],
		[same == false, iam, rp_ok, id_ok, bd_ok, sess_ok] == [true, true, true, true, true, true],
		[iam == false, direct] == [true, true],
	]
	allowed := [explicit == false, scp_ok, granted, _endpoint_ok] == [true, true, true, true]
	v := [_outcomes[explicit][allowed], lacking, denied, rp]
}

_outcomes := {true: {true: "explicit_deny", false: "explicit_deny"}, false: {true: "allow", false: "implicit_deny"}}

# The answer alone, for data.iamc.allow: it stops there.
_allowed if {
	count(_errors) == 0
	_verdict[0] == "allow"
	count(_aws_refusals) == 0
}

_allowed if {
	count(_errors) == 0
	_free_rule
	count(_aws_refusals) == 0
	_endpoint_ok
	count(_endpoint_hits[1]) == 0
}

# ---------------------------------------------------------------- the decision

# The decision object (docs/design.md), with its explanation.
_decision := d if {
	count(_errors) == 0
	[outcome, lacking, denied, rp] := _verdict
	present := {code | some [code, _, _, _] in _side}
	d := _aws_ruled({
		"allowed": outcome == "allow",
		"decision": outcome,
		"reasons": _reasons(outcome, rp),
		"layers": {
			"scp": _layer_verdict["s" in present]["s" in denied]["s" in lacking],
			"boundary": _layer_verdict["b" in present]["b" in denied]["b" in lacking],
			"identity": _identity_verdict(denied, lacking),
			"resource": _layer_verdict[object.get(_entry, "ps", null) != null][count(rp[2]) > 0][count(rp[1]) == 0],
			"session": _session_verdict,
			"rcp": _layer_verdict[_rcp_present][count(_rcp_denies) > 0][false],
			"endpoint": _endpoint_verdict,
		},
		"missing_context": _missing_context,
		"errors": [],
	})
} else := _error_decision(_errors)

# A layer's verdict by [takes part][a Deny applies][it lacks an Allow]:
# absent, deny, allow or implicit (no statement applied).
_layer_verdict := {
	false: {false: {false: "absent", true: "absent"}, true: {false: "absent", true: "absent"}},
	true: {false: {false: "allow", true: "implicit"}, true: {false: "deny", true: "deny"}},
}

# The identity layer takes part for every IAM principal, the root user
# included, who has no identity policies and is allowed (§4.4).
_identity_verdict(denied, lacking) := _layer_verdict[true]["i" in denied]["i" in lacking] if {
	_who.t in {"User", "Account", "AssumedRole", "FederatedUser"}
} else := "absent"

_session_verdict := "implicit" if {
	_federated
	not _has_session_policy
} else := "absent" if {
	not _has_session_policy
} else := "deny" if {
	count(_sp_deny) > 0
} else := "allow" if {
	count(_sp_allow) > 0
} else := "implicit"

_reason(layer, st) := {
	"layer": layer,
	"policy": st.m[0],
	"statement": st.m[1],
	"effect": st.e,
	"source": st.m[2],
}

_layer_names := {"i": "identity", "b": "boundary", "s": "scp"}

# The statements that decided: every applicable Deny of an explicit deny,
# every Allow that granted an allow, none for an implicit deny.
_reasons(outcome, rp) := _sort_reasons(_deny_reasons(rp)) if outcome == "explicit_deny"

_reasons(outcome, rp) := _sort_reasons(_allow_reasons(rp)) if outcome == "allow"

_reasons(outcome, _) := [] if outcome == "implicit_deny"

_deny_reasons(rp) := ((({_reason(_layer_names[code], st) | some [code, _, _, d] in _side; some st in d} | {_reason("resource", st) | some st in rp[2]}) | {_reason("session", st) | some st in _sp_deny}) | {_reason("rcp", st) | some st in _rcp_denies}) | {_reason("endpoint", st) | some st in _endpoint_reasons}

_allow_reasons(rp) := {_reason("identity", st) | some [code, _, a, _] in _side; code == "i"; some st in a} | {_reason("resource", st) | some [st, _] in rp[1]}

_layer_order := {"rcp": 0, "scp": 1, "endpoint": 2, "resource": 3, "identity": 4, "boundary": 5, "session": 6}

# Reasons in layer order, then by source. (A set of one needs no sorting.)
_sort_reasons(set) := [r | some r in set] if {
	count(set) < 2
} else := [r | some [_, _, r] in sort([[_layer_order[r.layer], r.source, r] | some r in set])]

# ---------------------------------------------------------------- missing context

# Condition keys the request lacks, read by checked candidate statements
# whose resource (and principal) matched: supplying them could change the
# decision, like the policy simulator's MissingContextValues.
_missing_in(c) := {k |
	some i in [2, 3]
	some id in c[i]
	some k in _missing_of(m.st[id])
}

_missing_of(st) := {c.kn |
	st.c
	_rok(st)
	some c in st.c
	c.o != "null"
	not _has_key(c.k)
}

_missing_sets contains _missing_in(c) if some [_, c, _, _] in _side

_missing_sets contains _missing_in(_rp[0])

_missing_sets contains {c.kn |
	some st in _sp_stmts
	st.c
	_sp_action(st)
	_rok(st)
	some c in st.c
	c.o != "null"
	not _has_key(c.k)
}

_missing_context := sort({k | some s in _missing_sets; some k in s})

# ---------------------------------------------------------------- coverage

# Every statement that applied to the request, in every layer, whatever the
# outcome: what a test exercised (iamc test --coverage).
_matched := _sort_reasons(_matched_set)

_matched_set contains _reason(_layer_names[code], st) if {
	some [code, _, a, d] in _side
	some st in array.concat(a, d)
}

_matched_set contains _reason("resource", st) if some [st, _] in _rp[1]

_matched_set contains _reason("resource", st) if some st in _rp[2]

_matched_set contains _reason("rcp", st) if some st in _rcp_denies

_matched_set contains _reason("endpoint", st) if {
	some l in _endpoint_hits
	some st in l
	is_object(st)
}

_matched_set contains _reason("session", _sp_stmts[i]) if some i in _sp_set
