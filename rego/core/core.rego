# The AWS IAM decision for one request, over the indexed model in
# data.iamc.model. SEMANTICS.md (docs/semantics.md) is the specification; the
# section numbers below refer to it.
#
# Every rule evaluation costs microseconds, so the common path is kept short:
# what does not depend on the request (a principal's context keys, the
# candidate statements of each action) is computed at build time, and rules
# that only matter for unusual requests are reached only by them.
package iamc.core

# The indexed model (an import, so that lookups read only what they need).
import data.iamc.model as m

# ---------------------------------------------------------------- request

act := lower(input.action) if {
	is_string(input.action)
	regex.match(`^[A-Za-z0-9-]+:[A-Za-z0-9_.-]+$`, input.action)
}

svc := substring(act, 0, indexof(act, ":"))

# The resource: "*" or a well-formed ARN with a resource part (an ARN
# without one names no resource, and its account would otherwise be taken
# for the caller's own).
res := input.resource if {
	is_string(input.resource)
	valid_resource(input.resource)
}

valid_resource("*")

valid_resource(r) if regex.match(`^arn:aws(-[a-z]+)*:[a-z0-9][a-z0-9-]*:[a-z0-9-]*:([0-9]{12}|aws)?:.+$`, r)

# The request context with lower-cased keys (condition keys are
# case-insensitive, §5.1), completed with the keys AWS sets itself. Built
# only when a condition or a policy variable reads it.
ctx_in[lower(k)] := v if {
	is_object(input.context)
	some k, v in input.context
	is_string(k)
}

# ctxv is the value of one context key, computed only for the keys a
# condition or a policy variable reads: the request's value, else the value
# AWS sets. The request cannot give
# the keys AWS sets from the principal (errors.rego), so the two never
# compete, except for the time, which the request may give.
ctxv(k) := v if {
	v := ctx_in[k]
} else := v if {
	startswith(k, "aws:principal")
	v := principal_keys[k]
} else := v if {
	k in {"aws:username", "aws:userid", "aws:tokenissuetime", "aws:multifactorauthpresent", "aws:multifactorauthage"}
	v := principal_keys[k]
} else := v if {
	startswith(k, "aws:resource")
	v := resource_keys[k]
} else := v if {
	k in {"aws:currenttime", "aws:epochtime"}
	v := time_keys[k]
}

time_keys := {
	"aws:currenttime": time.format([now_ns, "UTC", "2006-01-02T15:04:05Z"]),
	"aws:epochtime": round(now_ns / 1000000000),
}

# The time of the request: AWS's clock, never the request context. A bundle
# built to replay requests (iamc build --request-time, data.iamc.config)
# takes it from input.time; the embedded engine sets the evaluation's clock
# itself (rego.WithRequestTime).
now_ns := time.parse_rfc3339_ns(input.time) if {
	request_time_accepted
	is_string(input.time)
} else := time.now_ns()

request_time_accepted if data.iamc.config.request_time == true

# ---------------------------------------------------------------- principal

# who describes the acting principal. For users and account root users it is
# their record in the model, precomputed at build time:
#   t      aws:PrincipalType (User, AssumedRole, FederatedUser, Account,
#          Anonymous, Service)
#   arn    the principal ARN as a resource policy names it
#   a      its account ("" for anonymous and service principals)
#   ps     its identity policy set (absent for root, anonymous and services)
#   b      its permissions boundary policy set, if any
#   role   the role ARN (sessions)
#   sl     a service-linked role's session
#   ids    the identities a NotPrincipal must list to exclude it
#   k      the context keys AWS sets for it (§4.1)
who := m.principals[input.principal] if {
	not sess
} else := user_session_who if {
	user_session
} else := session_who if {
	not federated
} else := object.union(federated_who, federated_extra) if {
	federated
} else := {"t": "Anonymous", "arn": "anonymous", "a": "", "ids": ["anonymous"], "k": {"aws:principaltype": "Anonymous"}} if {
	input.principal == "anonymous"
} else := {"t": "Service", "arn": concat("", ["svc:", input.principal]), "a": "", "ids": [concat("", ["svc:", input.principal])], "k": {"aws:principalservicename": input.principal}} if {
	is_string(input.principal)
	regex.match(`^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$`, input.principal)
}

account_keys(a) := object.get(m.accounts, [a, "keys"], {})

# The context keys AWS sets for the principal (§4.1): built from its record
# when a condition reads the context; sessions and other principals made at
# decision time carry theirs in k.
principal_keys := who.k if {
	who.k
} else := session_keys if {
	who.t == "AssumedRole"
} else := object.union_n([
	account_keys(who.a),
	object.get(who, "tags", {}),
	{
		"aws:principalarn": who.arn, "aws:principalaccount": who.a, "aws:principaltype": "User",
		"aws:username": who.n, "aws:userid": who.id,
	},
	user_session_keys,
]) if {
	who.t == "User"
} else := object.union_n([account_keys(who.a), {
	"aws:principalarn": who.arn, "aws:principalaccount": who.a, "aws:principaltype": "Account", "aws:userid": who.a,
}, user_session_keys]) if {
	who.t == "Account"
}

# The identities a NotPrincipal must list to exclude the caller.
who_ids := who.ids if {
	who.ids
} else := [who.arn, who.a]

# ---------------------------------------------------------------- resource

# The resource's own entry: a resource block for this ARN (or for the ARN up
# to its first "/", so that a bucket's policy governs its objects), or the
# role whose trust policy governs sts:AssumeRole. An entry with g is a
# gatekeeper (a trust policy or a KMS key policy): it must allow the caller
# itself, an identity allow is not enough (§3.1 step 4, §4.2).
resource_entry := r if {
	act in trust_actions
	role := m.roles[res]
	r := trust_entry(role)
} else := m.resources[res] if {
	not act in trust_actions
} else := m.resources[substring(res, 0, indexof(res, "/"))] if {
	not act in trust_actions
	indexof(res, "/") > 0
}

# A role without a trust policy still gatekeeps: nobody may assume it.
trust_entry(role) := {"a": role.a, "ps": role.tr, "g": true} if {
	role.tr
} else := {"a": role.a, "g": true}

trust_actions := {"sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity", "sts:setcontext"}

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

resource_keys := object.union_n([resource_tags, {"aws:resourceaccount": resource_account}, resource_org_keys])

# The organization of the resource's account, when the project declares it.
resource_org_keys := {
	"aws:resourceorgid": k["aws:principalorgid"],
	"aws:resourceorgpaths": k["aws:principalorgpaths"],
} if {
	k := m.accounts[resource_account].keys
	k["aws:principalorgid"]
} else := {}

resource_tags := resource_entry.keys if {
	resource_entry.keys
} else := {}

# ---------------------------------------------------------------- policy sets

# cand: the statements of a policy set whose Action/NotAction admits the
# request action (§2.1), as [allows, denies]: the Allow statements and the
# Deny statements.
cand(ps) := action_cands(ps, act)

# action_cands: the candidates of a policy set for action a. The compiler
# lists, under every action a policy set names exactly, every statement of
# the set that matches it — wildcard, "*" and NotAction statements included —
# so most requests need one lookup. Other actions go through the wildcard
# patterns of their service, the "*" and the NotAction statements; for a
# service with a catalog, such an action must be in it (else the request is
# an error, errors.rego). The action has passed the check of act (or the
# same check in fast_base).
action_cands(ps, a) := m.cl[i] if {
	i := xindex(ps.xs, a)
} else := [wild_cands(lists, ps, a, 0), wild_cands(lists, ps, a, 1)] if {
	s := substring(a, 0, indexof(a, ":"))
	catalog_ok(s, a)
	# The candidate lists of the wildcard patterns that match, matched once.
	lists := wild_lists(wild_bucket(ps, s), a)
}

# The wildcard bucket of service s, or an empty one.
wild_bucket(ps, s) := m.wl[ps.w[s]] if {
	ps.w[s]
} else := {}

# wild_lists: the candidate lists of a wildcard bucket's patterns that match
# action a (prefixes by startswith, the others by glob).
wild_lists(b, a) := array.concat(
	[m.cl[e[1]] | some e in b.p; startswith(a, e[0])],
	[m.cl[e[1]] | some e in b.g; glob.match(e[0], null, a)],
)

wild_cands(lists, ps, a, i) := (({id |
	some l in lists
	some id in l[i]
} | {id | some id in m.cl[ps.a][i]}) | {id |
	some id in m.cl[ps.n][i]
	not any_pm(m.st[id].na, a)
})

catalog_ok(s, _) if not data.iamc.project.catalog[s]

catalog_ok(s, a) if substring(a, count(s) + 1, -1) in data.iamc.project.catalog[s]

# xindex finds action a in a policy set's exact index, the string
# ",action=NNNNNNN,…" (an OPA object of as many entries would cost hundreds
# of bytes each in memory), and returns the index of its candidate list.
# The action must have passed the check of act: no "," or "=" in it.
xindex(xs, a) := to_number(substring(xs, i + count(a) + 2, 7)) if {
	i := indexof(xs, concat("", [",", a, "="]))
	i >= 0
}

# hits: the statements of a candidate list that apply to the request (§2).
hits(ids) := {id |
	some id in ids
	applies(m.st[id])
}

# A statement applies when its Resource/NotResource admits the resource and
# its conditions hold. Most statements have neither conditions nor a
# Resource other than "*" (the compiler drops a lone "*"), which the first
# body answers at once.
applies(st) if {
	not st.r
	not st.nr
	not st.c
}

applies(st) if {
	st.r
	rok(st)
	cok(st)
}

applies(st) if {
	st.nr
	rok(st)
	cok(st)
}

applies(st) if {
	not st.r
	not st.nr
	st.c
	cok(st)
}

# rp_hits: the applicable statements of a resource-based policy set, each with
# how its Principal names the caller (§3.1 step 4).
rp_hits(ids) := {[id, kind] |
	some id in ids
	st := m.st[id]
	kind := pmatch(st)
	applies(st)
}

pmatch(st) := "direct" if {
	st.pr[who.arn]
} else := "role" if {
	st.pr[who.role]
} else := "account" if {
	st.pr[who.a]
} else := "any" if {
	st.pr["*"]
}

# NotPrincipal (Deny only): applies unless every identity of the caller is
# listed (§2.3, [P] NotPrincipal).
pmatch(st) := "not" if {
	st.np
	some i in who_ids
	not st.np[i]
}

# A Deny with NotPrincipal always denies a principal that has a permissions
# boundary, whatever it lists ([B], §7).
pmatch(st) := "not" if {
	st.np
	who.b
}
