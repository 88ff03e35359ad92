# The request as the core reads it: its action, resource, context values,
# time, principal and resource entry, over the indexed model in
# data.iamc.model (its layout: schema/model.schema.json). docs/semantics.md
# (docs/semantics.md) is the specification; the section numbers below refer
# to it.
#
# Everything in this package is a helper of the entrypoints in iamc.rego;
# helpers start with "_".
#
# The schemas annotation below gives data.iamc.model the type of
# schema/model.schema.json in every rule of the package, so that
# `opa check --schema` (make lint) refuses a rule that reads a key the
# schema does not define. It names the schema (schema.model) instead of
# inlining it: a type checker without a schema set, as in the embedded
# engine and an OPA sidecar, skips such an annotation, so the bundle loads
# and evaluates as without it, and the schema stays in one file.

# METADATA
# schemas:
#   - data.iamc.model: schema.model
package iamc.core

import data.iamc.model as m

# ---------------------------------------------------------------- request

# The requested action, lower-cased (§2.1); undefined when malformed.
_act := lower(input.action) if {
	is_string(input.action)
	regex.match(`^[A-Za-z0-9-]+:[A-Za-z0-9_.-]+$`, input.action)
}

_svc := substring(_act, 0, indexof(_act, ":"))

# The resource: "*" or a well-formed ARN with a resource part (an ARN
# without one names no resource, and its account would otherwise be taken
# for the caller's own).
_res := input.resource if {
	is_string(input.resource)
	_valid_resource(input.resource)
}

_valid_resource(r) if r == "*"

_valid_resource(r) if regex.match(`^arn:aws(-[a-z]+)*:[a-z0-9][a-z0-9-]*:[a-z0-9-]*:([0-9]{12}|aws)?:.+$`, r)

# The request context with lower-cased keys (condition keys are
# case-insensitive, §5.1). Built only when a condition or a policy variable
# reads it.
_ctx_in[lower(k)] := v if {
	is_object(input.context)
	some k, v in input.context
	is_string(k)
}

# _ctxv is the value of one context key, computed only for the keys a
# condition or a policy variable reads: the request's value, else the value
# AWS sets. The request cannot give the keys AWS sets (errors.rego), so the
# two never compete.
_ctxv(k) := v if {
	v := _ctx_in[k]
} else := v if {
	startswith(k, "aws:principal")
	v := _principal_keys[k]
} else := v if {
	k in {"aws:username", "aws:userid", "aws:tokenissuetime", "aws:multifactorauthpresent", "aws:multifactorauthage"}
	v := _principal_keys[k]
} else := v if {
	startswith(k, "aws:resource")
	v := _resource_keys[k]
} else := v if {
	k in {"aws:currenttime", "aws:epochtime"}
	v := _time_keys[k]
} else := v if {
	# A request through a declared endpoint comes from its VPC (§10.4).
	k == "aws:sourcevpc"
	v := _endpoint.vpc
} else := v if {
	# The project's defaults of the keys AWS always sets (aws:SecureTransport,
	# aws:ViaAWSService, and aws:RequestedRegion when it sets a region).
	v := m.defaults[k]
}

_time_keys := {
	"aws:currenttime": time.format([_now_ns, "UTC", "2006-01-02T15:04:05Z"]),
	"aws:epochtime": round(_now_ns / 1000000000),
}

# The time of the request: AWS's clock, never the request context. A bundle
# built to replay requests (iamc build --request-time, data.iamc.config)
# takes it from input.time; the embedded engine sets the evaluation's clock
# itself (rego.WithRequestTime).
_now_ns := time.parse_rfc3339_ns(input.time) if {
	_request_time_accepted
	is_string(input.time)
} else := time.now_ns()

_request_time_accepted if data.iamc.config.request_time == true

# ---------------------------------------------------------------- principal

# _who describes the acting principal. For users and account root users it
# is their record in the model, precomputed at build time:
#   t      aws:PrincipalType (User, AssumedRole, FederatedUser, Account,
#          Anonymous, Service)
#   arn    the principal ARN as a resource policy names it
#   a      its account ("" for anonymous and service principals)
#   ps     its identity policy set (absent for root, anonymous and services)
#   b      its permissions boundary policy set, if any
#   scp    the policy sets of the SCP levels that bind it
#   role   the role ARN (sessions)
#   ids    the identities a NotPrincipal must list to exclude it
#   k      the context keys AWS sets for it (§4.1), for principals made at
#          decision time
_who := m.principals[input.principal] if {
	object.get(input, "session", null) == null
} else := _user_session_who if {
	_user_session
} else := _session_who if {
	not _federated
} else := object.union(_federated_who, _federated_extra) if {
	_federated
} else := {"t": "Anonymous", "arn": "anonymous", "a": "", "ids": ["anonymous"], "k": {"aws:principaltype": "Anonymous"}} if {
	input.principal == "anonymous"
} else := {"t": "Service", "arn": concat("", ["svc:", input.principal]), "a": "", "ids": [concat("", ["svc:", input.principal])], "k": {"aws:principalservicename": input.principal, "aws:principalisawsservice": true}} if {
	is_string(input.principal)
	regex.match(`^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$`, input.principal)
}

_account_keys(a) := object.get(m.accounts, [a, "keys"], {})

# The context keys AWS sets for the principal (§4.1): built from its record
# when a condition reads the context; sessions and other principals made at
# decision time carry theirs in k.
_principal_keys := _who.k if {
	_who.k
} else := _session_keys if {
	_who.t == "AssumedRole"
} else := object.union_n([
	_account_keys(_who.a),
	object.get(_who, "tags", {}),
	{
		"aws:principalarn": _who.arn, "aws:principalaccount": _who.a, "aws:principaltype": "User",
		"aws:username": _who.n, "aws:userid": _who.id, "aws:principalisawsservice": false,
	},
	_user_session_keys,
]) if {
	_who.t == "User"
} else := object.union_n([
	_account_keys(_who.a),
	{
		"aws:principalarn": _who.arn, "aws:principalaccount": _who.a, "aws:principaltype": "Account",
		"aws:userid": _who.a, "aws:principalisawsservice": false,
	},
	_user_session_keys,
]) if {
	_who.t == "Account"
}

# The identities a NotPrincipal must list to exclude the caller.
_who_ids := _who.ids if {
	_who.ids
} else := [_who.arn, _who.a]

# ---------------------------------------------------------------- resource

# The resource's own entry: a resource block for this ARN (or for the ARN up
# to its first "/", so that a bucket's policy governs its objects), or the
# role whose trust policy governs sts:AssumeRole. An entry with g is a
# gatekeeper (a trust policy or a KMS key policy): it must allow the caller
# itself, an identity allow is not enough (§3.1 step 4, §4.2).
_resource_entry := r if {
	_act in _trust_actions
	role := m.roles[_res]
	r := _trust_entry(role)
} else := m.resources[_res] if {
	not _act in _trust_actions
} else := m.resources[substring(_res, 0, indexof(_res, "/"))] if {
	not _act in _trust_actions
	indexof(_res, "/") > 0
}

# A role without a trust policy still gatekeeps: nobody may assume it.
_trust_entry(role) := {"a": role.a, "ps": role.tr, "g": true} if {
	role.tr
} else := {"a": role.a, "g": true}

_trust_actions := {"sts:assumerole", "sts:assumerolewithsaml", "sts:assumerolewithwebidentity", "sts:tagsession", "sts:setsourceidentity", "sts:setcontext"}

# The account that owns the resource: its resource block's or role's, else
# the ARN's account segment, else (an ARN without one, like an S3 bucket with
# no resource block, or a resource AWS owns, like an AWS managed policy,
# arn:aws:iam::aws:policy/…) the principal's own account: no other account's
# policy takes part.
_resource_account := _entry.a if {
	_entry.a
} else := a if {
	parts := split(_res, ":")
	count(parts) >= 6
	a := parts[4]
	not a in {"", "aws"}
} else := _who.a

_same_account if _resource_account == _who.a

_resource_keys := object.union_n([_resource_tags, {"aws:resourceaccount": _resource_account}, _resource_org_keys])

_resource_tags := _resource_entry.keys if {
	_resource_entry.keys
} else := {}

# The organization of the resource's account, when the project declares it.
_resource_org_keys := {
	"aws:resourceorgid": k["aws:principalorgid"],
	"aws:resourceorgpaths": k["aws:principalorgpaths"],
} if {
	k := m.accounts[_resource_account].keys
	k["aws:principalorgid"]
} else := {}
