# The decision of the common request, computed in one rule body.
#
# On OPA's evaluator a rule evaluation or a call of a function of this
# package costs several times a builtin call (measured: bench/floor and
# docs/design.md), and the general decision (layers.rego) makes dozens of
# them. The common request — an IAM user or root user with long-term keys,
# or a plain role session, acting in its own account on a resource no
# resource-based policy governs — is answered here with builtins, data lookups and comprehensions. Everything
# else is left to layers.rego (the rule is undefined), whose answer is the
# reference: a test decides every request of the test suites both ways and
# requires the same decision object (suite/quick_test.go).
package iamc.core

import data.iamc.model as m

# _quick_verdict is [outcome, allows, denies, parts, principal, lacking]:
#   parts    [n, code, candidates] of each policy set of the principal's
#            own side (its n-th, compiler/compile.go sideOf)
#   allows   [n, code, statement] of every Allow that applies
#   denies   [code, statement] of every Deny that applies
#   lacking  the codes of the sets with no Allow that applies
_quick_verdict := [outcome, allows, denies, parts, w, lacking] if {
	# A well-formed time (errors.rego), and a principal the lean body
	# decides.
	_time_ok
	model := m
	w := _quick_who

	# A well-formed action (not of STS, nor one AWS refuses on resources it
	# owns: aws.rego) of a service whose catalog has it, if it has one, and a
	# well-formed resource, in the principal's own account, that no
	# resource-based policy, RCP or endpoint policy governs (errors.rego,
	# core.rego).
	a := lower(input.action)
	regex.match(`^[a-z0-9-]+:[a-z0-9_.-]+$`, a)
	not startswith(a, "sts:")
	not model.oa[a]
	[svc, name] := split(a, ":")
	object.get(model, ["cat", svc, name], object.get(model, ["cat", svc], null) == null) != false
	r := input.resource
	regex.match(`^(\*|arn:aws(-[a-z]+)*:[a-z0-9][a-z0-9-]*:[a-z0-9-]*:([0-9]{12}|aws)?:.+)$`, r)
	array.slice(split(r, ":"), 4, 5) in [[], [""], [w.a]]
	not model.resources[r]
	not model.resources[substring(r, 0, indexof(r, "/"))]
	not model.endpoints
	not model.accounts[w.a].rcp
	_context_ok

	# The candidates of each set: the list its exact index gives the
	# action, else the one it gives every other action, looked up here; a
	# set that needs its wildcard patterns, or a list indexed by resource,
	# through _cands (layers.rego).
	psets := model.psets
	cl := model.cl
	key := concat("", [",", a, "="])
	off := count(a) + 2
	idx := object.union(
		{ps: o | some [_, ps] in w.p; o := psets[ps].o},
		{ps: to_number(substring(xs, j + off, 7)) | some [_, ps] in w.p; xs := psets[ps].xs; j := indexof(xs, key); j >= 0},
	)
	looked := {ps: c | some ps, i in idx; c := cl[i]; is_array(c)}
	parts := array.concat(
		[[n, code, c] | some n, [code, ps] in w.p; c := looked[ps]],
		[[n, code, c] | some n, [code, ps] in w.p; not looked[ps]; c := _cands(ps)],
	)
	count(parts) == count(w.p)

	st := model.st
	allows := array.concat(
		[[n, code, s] | some [n, code, c] in parts; some id in c[0]; s := st[id]],
		[[n, code, s] | some [n, code, c] in parts; some id in c[2]; s := st[id]; _applies(s)],
	)
	denies := array.concat(
		[[code, s] | some [_, code, c] in parts; some id in c[1]; s := st[id]],
		[[code, s] | some [_, code, c] in parts; some id in c[3]; s := st[id]; _applies(s)],
	)

	# Every set must allow (§3.1): the identity policies (the root user has
	# none, and needs none in its own account, §4.4), the boundary, each
	# SCP level.
	granted := {n | some [n, _, _] in allows}
	lacking := {code | some n, [code, _] in w.p; not n in granted}
	outcome := {true: "explicit_deny", false: {true: "allow", false: "implicit_deny"}[count(lacking) == 0]}[count(denies) > 0]
}

# The principal of a request the lean body decides, as its policy sets see
# it: an IAM user or root user with its long-term keys, or a role session
# with nothing but its role, name, times, MFA and chaining (no session
# policy or tags), valid at the request's time (session.rego's checks, in
# the order they are made there).
_quick_who := m.principals[input.principal] if {
	object.get(input, "session", null) == null
} else := w if {
	s := input.session
	is_object(s)
	count(object.remove(s, ["role", "name", "arn", "source", "issued_at", "expires_at", "mfa", "chained"])) == 0
	w := m.roles[s.role]
	is_string(s.name)
	arn := concat("", ["arn:aws:sts::", w.a, ":assumed-role/", w.n, "/", s.name])
	p := object.get(input, "principal", arn)
	is_string(p)
	p in {arn, object.get(s, "source", arn)}
	issued := time.parse_rfc3339_ns(s.issued_at)
	expires := time.parse_rfc3339_ns(s.expires_at)
	issued <= _now_ns
	_now_ns < expires
	(expires - issued) / 1000000000 <= {true: 3600, false: w.max}[object.get(s, "chained", false)]
}

# The decision object of the common request, as _decision makes it.
_quick := d if {
	[outcome, allows, denies, parts, w, lacking] := _quick_verdict
	names := {"i": "identity", "b": "boundary", "s": "scp"}
	decided := {r |
		outcome == "explicit_deny"
		some [code, s] in denies
		r := {"layer": names[code], "policy": s.m[0], "statement": s.m[1], "effect": s.e, "source": s.m[2]}
	} | {r |
		outcome == "allow"
		some [_, "i", s] in allows
		r := {"layer": "identity", "policy": s.m[0], "statement": s.m[1], "effect": s.e, "source": s.m[2]}
	}
	order := {"scp": 1, "identity": 4, "boundary": 5}
	present := {code | some [code, _] in w.p}
	denied := {code | some [code, _] in denies}
	v := {
		false: {false: {false: "absent", true: "absent"}, true: {false: "absent", true: "absent"}},
		true: {false: {false: "allow", true: "implicit"}, true: {false: "deny", true: "deny"}},
	}
	d := {
		"allowed": outcome == "allow",
		"decision": outcome,
		"reasons": [r | some [_, _, r] in sort([[order[r.layer], r.source, r] | some r in decided])],
		"layers": {
			"scp": v["s" in present]["s" in denied]["s" in lacking],
			"boundary": v["b" in present]["b" in denied]["b" in lacking],
			"identity": v[true]["i" in denied]["i" in lacking],
			"resource": "absent",
			"session": "absent",
			"rcp": "absent",
			"endpoint": "absent",
		},
		"missing_context": sort({c.kn |
			some [_, _, p] in parts
			some k in [2, 3]
			some id in p[k]
			s := m.st[id]
			s.c
			_rok(s)
			some c in s.c
			c.o != "null"
			not _has_key(c.k)
		}),
		"errors": [],
	}
}
