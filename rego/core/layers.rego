# The layers of §3: identity policies, permissions boundary, SCPs,
# resource-based policy and session policy, each with its applicable Allow and
# Deny statements, and the verdict that combines them.
package iamc.core

# The indexed model (an import, so that lookups read only what they need).
import data.iamc.model as m

# ---------------------------------------------------------------- identity

id_cand := cand(m.psets[who.ps])

id_allow := hits(id_cand[0])

id_deny := hits(id_cand[1])

# The root user has no identity policies: it is allowed everything in its
# own account (§4.4).
identity_allowed if count(id_allow) > 0

identity_allowed if who.t == "Account"

# ---------------------------------------------------------------- boundary

bd_cand := cand(m.psets[who.b])

bd_allow := hits(bd_cand[0])

bd_deny := hits(bd_cand[1])

boundary_ok if not who.b

boundary_ok if count(bd_allow) > 0

# ---------------------------------------------------------------- SCPs (§3.3)

# SCPs bind principals of member accounts (root included), but not the
# management account, service-linked roles, anonymous or service principals:
# the compiler records the SCP levels only on principals they bind.
scp_cands := [cand(m.psets[l]) | some l in who.scp]

scp_allows := [hits(c[0]) | some c in scp_cands]

scp_deny := {id | some c in scp_cands; some id in hits(c[1])}

# Every level (root, each unit, the account) needs an Allow of its own.
scp_ok if not who.scp

scp_ok if {
	who.scp
	every s in scp_allows {
		count(s) > 0
	}
}

# ---------------------------------------------------------------- resource policy

rp_cand := cand(m.psets[resource_entry.ps])

rp_allow := rp_hits(rp_cand[0])

rp_deny := {id | some [id, _] in rp_hits(rp_cand[1])}

rp_kinds := {kind | some [_, kind] in rp_allow}

# A grant that names the caller itself (user, session or federated session
# ARN, a service, or everyone) bypasses implicit denies in the same account
# (§3.1 step 4).
direct_grant if "direct" in rp_kinds

direct_grant if "any" in rp_kinds

# Naming the role of a session counts as an identity allow, still limited by
# the boundary and the session policy.
role_grant if "role" in rp_kinds

# ---------------------------------------------------------------- session policy

sp_allow := {i | some i in sp_set; sp_stmts[i].e == "Allow"}

sp_deny := {i | some i in sp_set; sp_stmts[i].e == "Deny"}

# Role sessions without a session policy keep the role's permissions; a
# federated user session has only what its session policy allows (§3.1 step 7).
session_ok if not sess

session_ok if {
	sess
	not has_session_policy
	not federated
}

session_ok if {
	has_session_policy
	count(sp_allow) > 0
}

# ---------------------------------------------------------------- verdict

explicit_deny if count(id_deny) > 0

explicit_deny if count(bd_deny) > 0

explicit_deny if count(scp_deny) > 0

explicit_deny if count(rp_deny) > 0

explicit_deny if count(sp_deny) > 0

principal_side if {
	identity_allowed
	boundary_ok
	session_ok
}

principal_side if {
	role_grant
	boundary_ok
	session_ok
}

principal_types := {"User", "Account", "AssumedRole", "FederatedUser"}

# Same account: identity and resource policy are a union (§3.1). Role trust
# policies are gatekeepers: they must allow the caller in every case (§4.2).
granted if {
	not resource_entry.g
	same_account
	who.t in principal_types
	principal_side
}

granted if {
	not resource_entry.g
	same_account
	who.t in principal_types
	direct_grant
}

granted if {
	resource_entry.g
	same_account
	count(rp_allow) > 0
	direct_grant
}

granted if {
	resource_entry.g
	same_account
	count(rp_allow) > 0
	principal_side
}

# Cross-account: both accounts must allow; the resource policy must name the
# caller, its role, its account or everyone (§3.2).
granted if {
	not same_account
	who.t in principal_types
	count(rp_allow) > 0
	identity_allowed
	boundary_ok
	session_ok
}

# Anonymous callers and AWS services have no identity: only a resource
# policy can allow them (§3.4).
granted if {
	who.t in {"Anonymous", "Service"}
	direct_grant
}

allowed if {
	not explicit_deny
	scp_ok
	granted
}

outcome := "explicit_deny" if explicit_deny
else := "allow" if allowed
else := "implicit_deny"

# ---------------------------------------------------------------- layers and reasons

verdict(allow_set, deny_set) := "deny" if count(deny_set) > 0
else := "allow" if count(allow_set) > 0
else := "implicit"

layers := {
	"scp": scp_verdict,
	"boundary": boundary_verdict,
	"identity": identity_verdict,
	"resource": resource_verdict,
	"session": session_verdict,
}

scp_verdict := "absent" if not who.scp
else := "deny" if count(scp_deny) > 0
else := "allow" if scp_ok
else := "implicit"

boundary_verdict := "absent" if not who.b
else := verdict(bd_allow, bd_deny)

identity_verdict := "absent" if who.t in {"Anonymous", "Service"}
else := "deny" if count(id_deny) > 0
else := "allow" if identity_allowed
else := "implicit"

resource_verdict := "absent" if not resource_entry.ps
else := verdict(rp_allow, rp_deny)

session_verdict := "implicit" if {
	federated
	not has_session_policy
} else := "absent" if {
	not has_session_policy
} else := verdict(sp_allow, sp_deny)

# (m is the statement's policy, Sid and source, tab-separated.)
reason(layer, st) := {
	"layer": layer,
	"policy": parts[0],
	"statement": parts[1],
	"effect": st.e,
	"source": parts[2],
} if {
	parts := split(st.m, "\t")
}

deny_reasons := (((({reason("scp", m.st[id]) | some id in scp_deny} | {reason("resource", m.st[id]) | some id in rp_deny}) | {reason("identity", m.st[id]) | some id in id_deny}) | {reason("boundary", m.st[id]) | some id in bd_deny}) | {reason("session", sp_stmts[i]) | some i in sp_deny})

allow_reasons := {reason("identity", m.st[id]) | some id in id_allow} | {reason("resource", m.st[id]) | some [id, _] in rp_allow}

reasons := sort_reasons(deny_reasons) if explicit_deny
else := sort_reasons(allow_reasons) if allowed
else := []

layer_order := {"scp": 0, "resource": 1, "identity": 2, "boundary": 3, "session": 4}

# Reasons in layer order, then by source. (A set of one needs no sorting.)
sort_reasons(set) := [r | some r in set] if {
	count(set) < 2
} else := [r | some [_, _, r] in sort([[layer_order[r.layer], r.source, r] | some r in set])]

# ---------------------------------------------------------------- missing context

# Condition keys the request lacks, read by candidate statements whose
# resource (and principal) matched: supplying them could change the
# decision, like the policy simulator's MissingContextValues.
missing_in(cands) := {k |
	some list in cands
	some id in list
	some k in missing_of(m.st[id])
}

missing_of(st) := {c.kn |
	st.c
	rok(st)
	some c in st.c
	c.o != "null"
	not has_key(c.k)
}

missing_sets contains missing_in(id_cand)

missing_sets contains missing_in(bd_cand)

missing_sets contains missing_in(c) if some c in scp_cands

missing_sets contains missing_in(rp_cand)

missing_sets contains {c.kn |
	some st in sp_stmts
	st.c
	sp_action(st)
	rok(st)
	some c in st.c
	c.o != "null"
	not has_key(c.k)
}

missing_context := sort({k | some s in missing_sets; some k in s})

# ---------------------------------------------------------------- coverage

# Every statement that applied to the request, in every layer, whatever the
# outcome: what a test exercised (iamc test --coverage).
matched := sort_reasons(matched_set)

matched_set contains reason("identity", m.st[id]) if some id in id_allow

matched_set contains reason("identity", m.st[id]) if some id in id_deny

matched_set contains reason("boundary", m.st[id]) if some id in bd_allow

matched_set contains reason("boundary", m.st[id]) if some id in bd_deny

matched_set contains reason("scp", m.st[id]) if {
	some s in scp_allows
	some id in s
}

matched_set contains reason("scp", m.st[id]) if some id in scp_deny

matched_set contains reason("resource", m.st[id]) if some [id, _] in rp_allow

matched_set contains reason("resource", m.st[id]) if some id in rp_deny

matched_set contains reason("session", sp_stmts[i]) if some i in sp_set
