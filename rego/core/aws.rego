# Rules AWS enforces beyond the written policies (docs/semantics.md §10):
# operations that need no permission, what temporary credentials cannot
# call, resources AWS owns, resource control policies and VPC endpoint
# policies.
package iamc.core

import data.iamc.model as m

# ---------------------------------------------------------------- §10.1, §10.2, §10.3

# The rules that refuse this request whatever the policies allow: the
# credential limits (§10.2) and the resources AWS owns (§10.3), as reasons.
_aws_refusals := [r |
	some [name, source] in _refusing_rules
	r := {"layer": "aws", "policy": "aws", "statement": name, "effect": "Deny", "source": source}
]

_refusing_rules contains [rule, _rule_sources[rule]] if rule := _credential_rule

_refusing_rules contains [r.n, r.s] if {
	some i in m.oa[_act]
	r := m.or[i]
	_owned_applies(r)
}

# A role the project declares as service-linked is one, whatever its path.
_refusing_rules contains [r.n, r.s] if {
	some i in m.oa[_act]
	r := m.or[i]
	r.n == "aws_owned:service_linked_role"
	m.roles[_res].sl
}

_owned_applies(r) if {
	not r.k
	regex.match(r.re, _res)
}

_owned_applies(r) if {
	v := _ctxv(r.k)
	is_string(v)
	regex.match(r.re, v)
}

# §10.2: what temporary credentials cannot call.
_credential_rule := "credentials:role_session" if {
	_who.t == "AssumedRole"
	_act in {"sts:getfederationtoken", "sts:getsessiontoken"}
} else := "credentials:federated_user" if {
	_federated
	startswith(_act, "sts:")
	_act != "sts:getcalleridentity"
} else := "credentials:temporary" if {
	_user_session
	_act == "sts:getsessiontoken"
}

# §10.1: operations that need no permission. Only an endpoint policy still
# applies to them.
_free_rule := "no_permission:get_caller_identity" if {
	_act == "sts:getcalleridentity"
	_who.t in {"User", "Account", "AssumedRole", "FederatedUser"}
} else := "no_permission:get_session_token" if {
	_act == "sts:getsessiontoken"
	_who.t in {"User", "Account"}
	not _sess
}

_rule_sources := {
	"credentials:role_session": "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html",
	"credentials:federated_user": "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html",
	"credentials:temporary": "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html",
	"no_permission:get_caller_identity": "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html",
	"no_permission:get_session_token": "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getsessiontoken.html",
}

# The decision once these rules are applied to the decision of the
# policies: a refusal is an explicit deny (§10: no policy can allow it), an
# operation that needs no permission is allowed unless the endpoint policy
# stops it.
_aws_ruled(base) := object.union(base, {"allowed": false, "decision": "explicit_deny", "reasons": _aws_refusals}) if {
	count(_aws_refusals) > 0
} else := object.union(base, {"allowed": true, "decision": "allow", "reasons": array.concat(
	[r | base.decision == "allow"; some r in base.reasons],
	[{
		"layer": "aws", "policy": "aws", "statement": _free_rule, "effect": "Allow",
		"source": _rule_sources[_free_rule],
	}],
)}) if {
	# The policies' own Allows, when they allow too, stay among the reasons.
	_free_rule
	_endpoint_ok
	count(_endpoint_hits[1]) == 0
} else := base

# ---------------------------------------------------------------- resource control policies

# The RCP levels that govern the resource (§3.1 step 2, §3.3): those of its
# account, a member account of an organization, for a service that supports
# RCPs. RCPFullAWSAccess allows at every level and cannot be detached, and
# custom RCPs may only deny: only their applicable Denies take part. Each
# Deny names every principal ("*").
_rcp_denies := [st |
	_svc in m.rcps
	some l in m.accounts[_resource_account].rcp
	c := _cands(l)
	some id in array.concat(c[1], c[3])
	st := m.st[id]
	_pmatch(st)
	_applies(st)
]

default _rcp_present := false

_rcp_present if {
	_svc in m.rcps
	m.accounts[_resource_account].rcp
}

# ---------------------------------------------------------------- VPC endpoint policies

# The endpoint the request goes through, when its context names one the
# project declares (§10.4).
_endpoint := e if {
	id := _ctx_in["aws:sourcevpce"]
	e := m.endpoints[id]
}

# [Allows, Denies] of the endpoint's policy that apply to the request; the
# default policy (no policy block) allows everything.
_endpoint_hits := [allows, denies] if {
	e := _endpoint
	c := _cands(e.ps)
	allows := [st | some id in array.concat(c[0], c[2]); st := m.st[id]; _pmatch(st); _applies(st)]
	denies := [st | some id in array.concat(c[1], c[3]); st := m.st[id]; _pmatch(st); _applies(st)]
} else := [["default"], []] if {
	_endpoint
} else := [[], []]

# A request through an endpoint needs an Allow of its policy; one that goes
# through none is not filtered.
default _endpoint_ok := false

_endpoint_ok if not _endpoint

_endpoint_ok if count(_endpoint_hits[0]) > 0

_endpoint_verdict := "absent" if {
	not _endpoint
} else := "deny" if {
	count(_endpoint_hits[1]) > 0
} else := "allow" if {
	_endpoint_ok
} else := "implicit"

_endpoint_reasons := [st | some st in _endpoint_hits[1]]
