# The fast path: the decision for the common shapes of request, computed in
# a few rule bodies instead of the dozens of small rules of the general path
# (core.rego, layers.rego), which is the reference. On this engine every rule
# evaluation costs microseconds, so the difference is most of a decision's
# cost.
#
# The fast path answers requests from a user or an account root user (no
# session), against any of the identity, boundary and SCP layers, with or
# without conditions, on a resource that has no resource-based policy, in
# the principal's own account. Every other request — sessions, resource
# policies, cross-account requests, anonymous and service principals, and
# anything malformed — falls through to the general path. A test decides
# every request of the test suites both ways and requires the same answer.
package iamc.core

import data.iamc.model as m

fast := d if {
	not input.session
	w := m.principals[input.principal]
	is_string(input.action)
	contains(input.action, ":")
	a := lower(input.action)
	is_string(input.resource)
	fast_context
	fast_resource(a, w.a)
	ic := pset_cands(w.ps, a)
	bc := pset_cands(object.get(w, "b", -1), a)
	sc := [pset_cands(l, a) | some l in object.get(w, "scp", [])]
	d := fast_decision(w, ic, bc, sc)
}

# The context holds no key whose value the general path must check.
fast_context if not input.context

fast_context if {
	is_object(input.context)
	not checked_keys
}

# No resource-based policy governs the resource, the action is not one that
# a trust policy gatekeeps, and the resource belongs to the principal's
# account (an ARN without an account segment does).
fast_resource(a, acct) if {
	not a in trust_actions
	not m.resources[input.resource]
	not resource_base_entry
	parts := split(input.resource, ":")
	fast_account(parts, acct)
}

resource_base_entry if m.resources[substring(input.resource, 0, indexof(input.resource, "/"))]

fast_account(parts, _) if count(parts) < 6

fast_account(parts, _) if {
	count(parts) >= 6
	parts[4] == ""
}

fast_account(parts, acct) if {
	count(parts) >= 6
	parts[4] == acct
}

# pset_cands: the candidate lists of a policy set for action a, or null when
# the principal has no such set. A request for an action the set does not
# name exactly goes through the wildcard patterns of its service; for a
# service with a catalog, such an action must be in it.
pset_cands(-1, _) := null

pset_cands(i, a) := m.psets[i].x[a] if {
	i != -1
	m.psets[i].x[a]
} else := [wild_cands(m.psets[i], a, 0), wild_cands(m.psets[i], a, 1), wild_cands(m.psets[i], a, 2)] if {
	i != -1
	s := substring(a, 0, indexof(a, ":"))
	not fast_catalog_miss(s, a)
}

fast_catalog_miss(s, a) if {
	cat := data.iamc.project.catalog[s]
	not substring(a, count(s) + 1, -1) in cat
}

wild_cands(ps, a, i) := (({id |
	some e in ps.w[substring(a, 0, indexof(a, ":"))]
	pm(e[0], a)
	some id in e[1][i]
} | {id | some id in ps.a[i]}) | {id |
	some id in ps.n[i]
	not any_pm(m.st[id].na, a)
})

# The statements of a candidate list that apply.
fast_hits(ids) := {id |
	some id in ids
	applies(m.st[id])
}

fast_decision(w, ic, bc, sc) := d if {
	id_allow := fast_hits(ic[0])
	id_deny := fast_hits(ic[1])
	[bd_allow, bd_deny] := fast_layer(bc)
	scp_allows := [fast_hits(c[0]) | some c in sc]
	scp_deny := {id | some c in sc; some id in fast_hits(c[1])}
	denied := count(id_deny) + count(bd_deny) + count(scp_deny) > 0
	id_ok := fast_identity_ok(w, id_allow)
	bd_ok := fast_boundary_ok(bc, bd_allow)
	scp_ok := every_level(scp_allows)
	allowed := fast_allowed(denied, id_ok, bd_ok, scp_ok)
	d := {
		"allowed": allowed,
		"decision": fast_outcome(denied, allowed),
		"reasons": fast_reasons(denied, allowed, id_allow, id_deny, bd_deny, scp_deny),
		"layers": {
			"scp": fast_scp_verdict(sc, scp_deny, scp_ok),
			"boundary": fast_verdict(bc, bd_allow, bd_deny),
			"identity": fast_identity_verdict(id_deny, id_ok),
			"resource": "absent",
			"session": "absent",
		},
		"missing_context": fast_missing(ic, bc, sc),
		"errors": [],
	}
}

fast_layer(null) := [set(), set()]

fast_layer(c) := [fast_hits(c[0]), fast_hits(c[1])] if c != null

fast_allowed(false, true, true, true) := true

fast_allowed(denied, id_ok, bd_ok, scp_ok) := false if {
	not all_good(denied, id_ok, bd_ok, scp_ok)
}

all_good(false, true, true, true)

# The root user has no identity policies: everything in its own account
# (§4.4).
fast_identity_ok(w, allow) := true if {
	w.t == "Account"
} else := count(allow) > 0

fast_boundary_ok(null, _) := true

fast_boundary_ok(c, allow) := count(allow) > 0 if c != null

every_level(levels) := true if {
	every s in levels {
		count(s) > 0
	}
} else := false

fast_outcome(true, _) := "explicit_deny"

fast_outcome(false, true) := "allow"

fast_outcome(false, false) := "implicit_deny"

fast_verdict(null, _, _) := "absent"

fast_verdict(c, allow, deny) := verdict(allow, deny) if c != null

fast_scp_verdict([], _, _) := "absent"

fast_scp_verdict(sc, deny, ok) := v if {
	count(sc) > 0
	v := scp_level_verdict(count(deny) > 0, ok)
}

scp_level_verdict(true, _) := "deny"

scp_level_verdict(false, true) := "allow"

scp_level_verdict(false, false) := "implicit"

fast_identity_verdict(deny, _) := "deny" if count(deny) > 0

fast_identity_verdict(deny, true) := "allow" if count(deny) == 0

fast_identity_verdict(deny, false) := "implicit" if count(deny) == 0

fast_reasons(true, _, _, id_deny, bd_deny, scp_deny) := sort_reasons(({reason("scp", m.st[id]) | some id in scp_deny} | {reason("identity", m.st[id]) | some id in id_deny}) | {reason("boundary", m.st[id]) | some id in bd_deny})

fast_reasons(false, true, id_allow, _, _, _) := sort_reasons({reason("identity", m.st[id]) | some id in id_allow})

fast_reasons(false, false, _, _, _, _) := []

fast_missing(ic, bc, sc) := [] if {
	count(ic[2]) == 0
	no_conditional(bc)
	every c in sc {
		count(c[2]) == 0
	}
} else := sort((missing_in(ic[2]) | missing_of(bc)) | {k | some c in sc; some k in missing_in(c[2])})

no_conditional(null)

no_conditional(c) if count(c[2]) == 0

missing_of(null) := set()

missing_of(c) := missing_in(c[2]) if c != null
