# The layers of §3: identity policies, permissions boundary, SCPs,
# resource-based policy and session policy, each with its applicable Allow and
# Deny statements, and the verdict that combines them.
package iamc.core

# The indexed model (an import, so that lookups read only what they need).
import data.iamc.model as m

# ---------------------------------------------------------------- identity

id_set := hits(m.psets[who.ps]) if who.ps != null

id_allow := allows(id_set)

id_deny := denies(id_set)

# The root user has no identity policies: it is allowed everything in its
# own account (§4.4).
identity_allowed if count(id_allow) > 0

identity_allowed if who.t == "Account"

# ---------------------------------------------------------------- boundary

bd_set := hits(m.psets[who.b]) if who.b != null

bd_deny := denies(bd_set)

boundary_ok if who.b == null

boundary_ok if count(allows(bd_set)) > 0

# ---------------------------------------------------------------- SCPs (§3.3)

# SCPs bind principals of member accounts (root included), but not the
# management account, service-linked roles, anonymous or service principals.
scp_levels := acct.scp if {
	who.t in {"User", "Account", "AssumedRole", "FederatedUser"}
	not who.sl
}

scp_sets := [hits(m.psets[l]) | some l in scp_levels]

scp_deny := {id | some s in scp_sets; some id in denies(s)}

# Every level (root, each unit, the account) needs an Allow of its own.
scp_ok if not scp_levels

scp_ok if {
	scp_levels
	every s in scp_sets {
		count(allows(s)) > 0
	}
}

scp_allow := {id | some s in scp_sets; some id in allows(s)}

# ---------------------------------------------------------------- resource policy

rp_set := rp_hits(m.psets[resource_entry.ps]) if resource_entry.ps != null

rp_allow := {[id, kind] | some [id, kind] in rp_set; m.st[id].e == "Allow"}

rp_deny := {id | some [id, _] in rp_set; m.st[id].e == "Deny"}

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
session_ok if {
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

# Same account: identity and resource policy are a union (§3.1). Role trust
# policies are gatekeepers: they must allow the caller in every case (§4.2).
granted if {
	same_account
	not resource_entry.trust
	who.t in {"User", "Account", "AssumedRole", "FederatedUser"}
	direct_grant
}

granted if {
	same_account
	not resource_entry.trust
	who.t in {"User", "Account", "AssumedRole", "FederatedUser"}
	principal_side
}

granted if {
	same_account
	resource_entry.trust
	count(rp_allow) > 0
	direct_grant
}

granted if {
	same_account
	resource_entry.trust
	count(rp_allow) > 0
	principal_side
}

# Cross-account: both accounts must allow; the resource policy must name the
# caller, its role, its account or everyone (§3.2).
granted if {
	not same_account
	who.t in {"User", "Account", "AssumedRole", "FederatedUser"}
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
	count(errors) == 0
	not explicit_deny
	scp_ok
	granted
}

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

scp_verdict := "absent" if not scp_levels
else := "deny" if count(scp_deny) > 0
else := "allow" if scp_ok
else := "implicit"

boundary_verdict := "absent" if who.b == null
else := verdict(allows(bd_set), bd_deny)

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

reason(layer, st) := {
	"layer": layer,
	"policy": st.p,
	"statement": st.s,
	"effect": st.e,
	"source": st.src,
}

deny_reasons := (((({reason("scp", m.st[id]) | some id in scp_deny} | {reason("resource", m.st[id]) | some id in rp_deny}) | {reason("identity", m.st[id]) | some id in id_deny}) | {reason("boundary", m.st[id]) | some id in bd_deny}) | {reason("session", sp_stmts[i]) | some i in sp_deny})

allow_reasons := {reason("identity", m.st[id]) | some id in id_allow} | {reason("resource", m.st[id]) | some [id, _] in rp_allow}

reasons := sort_reasons(deny_reasons) if explicit_deny
else := sort_reasons(allow_reasons) if allowed
else := []

layer_order := {"scp": 0, "resource": 1, "identity": 2, "boundary": 3, "session": 4}

sort_reasons(set) := [r | some [_, _, r] in sort([[layer_order[r.layer], r.source, r] | some r in set])]

# ---------------------------------------------------------------- missing context

# Condition keys the request lacks, read by statements whose action, resource
# and principal matched: supplying them could change the decision, like the
# policy simulator's MissingContextValues.
missing_in(ps) := {c.kn |
	some id in cand(ps)
	st := m.st[id]
	st.c
	rok(st)
	some c in st.c
	c.o != "null"
	not has_key(c.k)
}

missing_sets contains missing_in(m.psets[who.ps]) if who.ps != null

missing_sets contains missing_in(m.psets[who.b]) if who.b != null

missing_sets contains missing_in(m.psets[l]) if some l in scp_levels

missing_sets contains missing_in(m.psets[resource_entry.ps]) if resource_entry.ps != null

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
matched := sort_reasons(((((({reason("identity", m.st[id]) | some id in id_set} | {reason("boundary", m.st[id]) | some id in bd_set}) | {reason("scp", m.st[id]) | some s in scp_sets; some id in s}) | {reason("resource", m.st[id]) | some [id, _] in rp_set}) | {reason("session", sp_stmts[i]) | some i in sp_set})))
