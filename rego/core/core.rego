# The AWS IAM decision for one request, over the indexed model in
# data.iamc.model. SEMANTICS.md (docs/semantics.md) is the specification; the
# section numbers below refer to it.
package iamc.core

# The indexed model (an import, so that lookups read only what they need).
import data.iamc.model as m


# ---------------------------------------------------------------- request

act := lower(input.action) if {
	is_string(input.action)
	contains(input.action, ":")
} else := "*" if input.action == "*"

svc := substring(act, 0, indexof(act, ":"))

res := input.resource if is_string(input.resource)

# The request context with lower-cased keys (condition keys are
# case-insensitive, §5.1), completed with the keys AWS sets itself.
ctx_in[lower(k)] := v if {
	is_object(input.context)
	some k, v in input.context
	is_string(k)
}

ctx := object.union_n([ctx_in, time_keys, who.keys, resource_keys])

time_keys := {"aws:currenttime": time.format([now_ns, "UTC", "2006-01-02T15:04:05Z"]), "aws:epochtime": round(now_ns / 1000000000)} if {
	not ctx_in["aws:currenttime"]
	not ctx_in["aws:epochtime"]
} else := {"aws:epochtime": round(now_ns / 1000000000)} if {
	not ctx_in["aws:epochtime"]
} else := {"aws:currenttime": time.format([now_ns, "UTC", "2006-01-02T15:04:05Z"])} if {
	not ctx_in["aws:currenttime"]
} else := {}

now_ns := date_ns(ctx_in["aws:currenttime"]) if {
	ctx_in["aws:currenttime"]
} else := date_ns(ctx_in["aws:epochtime"]) if {
	ctx_in["aws:epochtime"]
} else := time.now_ns()

# ---------------------------------------------------------------- principal

# who describes the acting principal:
#   t      aws:PrincipalType (User, AssumedRole, FederatedUser, Account,
#          Anonymous, Service)
#   arn    the principal ARN as a resource policy names it
#   a      its account ("" for anonymous and service principals)
#   ps     its identity policy set; absent for root, anonymous and services
#   b      its permissions boundary policy set, if any
#   role   the role ARN (sessions)
#   ids    the identities a NotPrincipal must list to exclude it
#   keys   the context keys AWS sets for it (§4.1)
who := w if {
	not input.session
	p := m.principals[input.principal]
	p.t == "User"
	w := {
		"t": "User", "arn": input.principal, "a": p.a, "ps": p.ps, "b": object.get(p, "b", null),
		"ids": [input.principal, p.a],
		"keys": object.union_n([
			{
				"aws:principalarn": input.principal, "aws:principalaccount": p.a,
				"aws:principaltype": "User", "aws:username": p.n, "aws:userid": p.id,
			},
			object.get(p, "tags", {}), account_keys(p.a),
		]),
	}
} else := w if {
	not input.session
	p := m.principals[input.principal]
	p.t == "Account"
	w := {
		"t": "Account", "arn": input.principal, "a": p.a, "ps": null, "b": null,
		"ids": [input.principal, p.a],
		"keys": object.union(
			{
				"aws:principalarn": input.principal, "aws:principalaccount": p.a,
				"aws:principaltype": "Account", "aws:userid": p.a,
			},
			account_keys(p.a),
		),
	}
} else := w if {
	input.session
	not federated
	w := session_who
} else := w if {
	input.session
	federated
	w := federated_who
} else := w if {
	not input.session
	input.principal == "anonymous"
	w := {"t": "Anonymous", "arn": "anonymous", "a": "", "ps": null, "b": null, "ids": ["anonymous"], "keys": {"aws:principaltype": "Anonymous"}}
} else := w if {
	not input.session
	is_string(input.principal)
	regex.match(`^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$`, input.principal)
	w := {"t": "Service", "arn": input.principal, "a": "", "ps": null, "b": null, "ids": [input.principal], "keys": {"aws:principalservicename": input.principal}}
}

account_keys(a) := object.get(m.accounts, [a, "keys"], {})

acct := object.get(m.accounts, who.a, {})

# ---------------------------------------------------------------- resource

# The resource's own entry: a resource block for this ARN (or for the ARN up
# to the first "/" of its resource part, so that a bucket's policy governs its
# objects), or the role whose trust policy governs sts:AssumeRole.
resource_entry := r if {
	trust_action
	role := m.roles[res]
	r := {"a": role.a, "ps": role.tr, "trust": true}
} else := r if {
	not trust_action
	r := m.resources[res]
} else := r if {
	not trust_action
	r := m.resources[resource_base]
}

resource_base := concat("", [prefix, head]) if {
	parts := split(res, ":")
	count(parts) >= 6
	prefix := concat(":", array.concat(array.slice(parts, 0, 5), [""]))
	tail := substring(res, count(prefix), -1)
	i := indexof(tail, "/")
	i > 0
	head := substring(tail, 0, i)
}

trust_actions := {"sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity", "sts:setcontext"}

trust_action if act in trust_actions

# The account that owns the resource: its resource block's or role's, else
# the ARN's account segment, else (an ARN without one, like an S3 bucket with
# no resource block) the principal's own account.
resource_account := resource_entry.a if {
	resource_entry.a
} else := a if {
	parts := split(res, ":")
	count(parts) >= 6
	a := parts[4]
	a != ""
} else := who.a

same_account if resource_account == who.a

resource_keys := object.union(resource_tags, {"aws:resourceaccount": resource_account})

resource_tags := resource_entry.keys if {
	resource_entry.keys
} else := {}

# ---------------------------------------------------------------- policy sets

# cand: the statements of a policy set whose Action/NotAction admits the
# request action, found through the set's action index (§2.1).
cand(ps) := ((({id | some id in ps.x[act]} | {id |
	some e in ps.w[svc]
	amatch(e[0])
	some id in e[1]
}) | {id | some id in ps.a}) | {id |
	some id in ps.n
	not any_amatch(m.st[id].na)
})

# hits: the statements of a policy set that apply to the request (§2).
hits(ps) := {id |
	some id in cand(ps)
	st := m.st[id]
	rok(st)
	cok(st)
}

# rp_hits: the applicable statements of a resource-based policy set, each with
# how its Principal names the caller (§3.1 step 4).
rp_hits(ps) := {[id, kind] |
	some id in cand(ps)
	st := m.st[id]
	kind := pmatch(st)
	rok(st)
	cok(st)
}

pmatch(st) := "direct" if {
	st.pr[who.arn]
} else := "role" if {
	st.pr[who.role]
} else := "account" if {
	st.pr[who.a]
} else := "account" if {
	# "*" scoped by aws:PrincipalAccount or aws:PrincipalOrg* conditions
	# delegates to the account like naming it (§3.1 step 4).
	st.pr["*"]
	st.pa
} else := "any" if {
	st.pr["*"]
}

# NotPrincipal (Deny only): applies unless every identity of the caller is
# listed (§2.3, [P] NotPrincipal).
pmatch(st) := "not" if {
	st.np
	some i in who.ids
	not st.np[i]
}

allows(set) := {id | some id in set; m.st[id].e == "Allow"}

denies(set) := {id | some id in set; m.st[id].e == "Deny"}
