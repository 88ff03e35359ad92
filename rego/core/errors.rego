# Validation of the decision input. Every error denies.
#
# An error is an object: a stable code, which a program branches on, and a
# message for people. The code is written with the message, where the
# mistake is found. The codes are listed in schema/decision.schema.json
# (error_details) and docs/design.md ("The decision object"); new ones may
# be added, none is renamed or reused.
package iamc.core

import data.iamc.model as m

# The errors of the input, none in the common case: a known user or root
# user, a well-formed action and resource, and a context without the keys
# whose values are checked. Anything else goes through every check.
_errors := [] if {
	object.get(input, "session", null) == null
	object.get(input, "time", null) == null
	not m.endpoints
	_context_ok
	_who.t in {"User", "Account"}
	_res
	not _act in _trust_actions
	_catalog_ok(_svc, _act)
} else := sort(((_input_errors | _session_errors) | _lowering_error_objects))

# Every error of a session policy passed in the input (lower.rego) is one of
# its session policy.
_lowering_error_objects := {{"code": "INVALID_SESSION_POLICY", "message": msg} | some msg in _lowering_errors}

# The request time is the clock's, unless the bundle replays requests
# (core.rego, now_ns).
_time_ok if not _has_field("time")

_time_ok if {
	_request_time_accepted
	_valid_time(input.time)
}

_input_errors contains {"code": "INVALID_TIME", "message": "time: this bundle takes the time of a request from the clock, not from the input (build it with iamc build --request-time to replay requests at a given time)"} if {
	_has_field("time")
	not _request_time_accepted
}

_input_errors contains {"code": "INVALID_TIME", "message": sprintf("time must be an RFC 3339 time like \"2026-11-29T12:00:00Z\", not %s", [json.marshal(input.time)])} if {
	_has_field("time")
	_request_time_accepted
	not _valid_time(input.time)
}

# The context is absent, or an object whose keys are given once each, none of
# them set by AWS from the principal, with values of the right type.
_context_ok if object.get(input, "context", null) == null

_context_ok if {
	is_object(input.context)
	not _twice_context
	not _bad_context
}

_bad_context if {
	some k, v in input.context
	_bad_value(lower(k), v)
}

_bad_value(k, _) if _reserved_key(k)

_bad_value(k, v) if {
	t := _key_type(k)
	not _typed_ok(t, v)
}

_bad_value(k, v) if {
	not _key_type(k)
	not _untyped_ok(v)
}

# Keys AWS sets itself, never the request: from the principal and its
# credentials (§4.1, §4.3), from the resource, and the time of the request.
# A value in the context would let a caller claim a tag, an organization, a
# user name, MFA or a time it does not have.
# The model's table m.kr lists the global keys and who sets them
# (compiler/keys.go; docs/semantics.md has the table for people).
_reserved_key(k) if m.kr[k]

_reserved_key(k) if startswith(k, "aws:principal")

_reserved_key(k) if {
	startswith(k, "aws:resourcetag/")
	_resource_entry
}

_reserved_why(k) := "is the time of the request, which AWS takes from its clock: a test sets it with time, a replay with input.time (see docs/semantics.md)" if {
	m.kr[k] == "clock"
} else := "is set by AWS from the caller's credentials (MFA comes from a session that used it: mfa in tests, --mfa in iamc eval)" if {
	m.kr[k] == "credentials"
} else := "is set by AWS from the resource" if {
	startswith(k, "aws:resource")
} else := "is set by AWS from the principal, not by the request"

# The type a request value of key k must have: the model's key table (the
# AWS global keys and every key a condition of the bundle reads), else its
# family's (tags, object tags, encryption context).
_key_type(k) := m.kt[k]

_key_type(k) := t if {
	not m.kt[k]
	some p, t in m.ktf
	startswith(k, p)
}

# A multivalued type ends in "*" and takes a list (or one value); a
# single-valued type takes one value. "n,d" is a number that is also a date.
_typed_ok(t, v) if {
	endswith(t, "*")
	is_array(v)
	every x in v {
		_scalar_typed(trim_suffix(t, "*"), x)
	}
}

_typed_ok(t, v) if {
	not is_array(v)
	_scalar_typed(trim_suffix(t, "*"), v)
}

_scalar_typed(t, v) if {
	every u in split(t, ",") {
		_value_of_type(u, v)
	}
}

_value_of_type(t, v) if {
	t == "s"
	is_string(v)
}

_value_of_type(t, v) if {
	t == "arn"
	is_string(v)
	regex.match(`^arn:[^:]*:[^:]*:[^:]*:[^:]*:.+$`, v)
}

_value_of_type(t, v) if {
	t == "bin"
	is_string(v)
	base64.is_valid(v)
}

_value_of_type(t, v) if {
	t == "n"
	is_number(v)
}

_value_of_type(t, v) if {
	t == "n"
	is_string(v)
	regex.match(`^-?[0-9]+(\.[0-9]+)?$`, v)
}

_value_of_type(t, v) if {
	t == "d"
	_date_ns(v)
}

_value_of_type(t, v) if {
	t == "b"
	is_boolean(v)
}

_value_of_type(t, v) if {
	t == "b"
	is_string(v)
	lower(v) in {"true", "false"}
}

_value_of_type(t, v) if {
	t == "ip"
	is_string(v)
	not contains(v, "/")
	_ip_valid(v)
}

_ip_valid(v) if net.cidr_is_valid(concat("", [v, "/32"]))

_ip_valid(v) if net.cidr_is_valid(concat("", [v, "/128"]))

# A key iamc has no type for: strings, numbers, booleans, or a list of them.
_untyped_ok(v) if _is_scalar(v)

_untyped_ok(v) if {
	is_array(v)
	every x in v {
		_is_scalar(x)
	}
}

_is_scalar(v) if is_string(v)

_is_scalar(v) if is_number(v)

_is_scalar(v) if is_boolean(v)

_type_words := {
	"s": "a string", "arn": "an ARN", "bin": "base64 text", "n": "a number",
	"d": "a date (ISO 8601 or epoch seconds)", "b": "true or false", "ip": "an IP address",
}

# How a type reads in an error: "a number", "a list of (a string)".
_type_phrase(t) := concat(" and ", [_type_words[u] | some u in split(t, ",")]) if not endswith(t, "*")

_type_phrase(t) := concat("", ["a list, each ", concat(" and ", [_type_words[u] | some u in split(trim_suffix(t, "*"), ",")])]) if endswith(t, "*")

# sts:AssumeRole and the other trust actions act on a role of the bundle;
# anything else has no trust policy to decide with (§4.2).
_unknown_role if {
	_act in _trust_actions
	not m.roles[_res]
}

_root_assume if {
	_who.t == "Account"
	_act in _trust_actions
}

_catalog_miss if {
	_act
	not _catalog_ok(_svc, _act)
}

# The decision for errors (objects with a code and a message): errors holds
# the messages, error_details the errors themselves, both in the order of
# the messages.
_error_decision(errs) := {
	"allowed": false,
	"decision": "implicit_deny",
	"reasons": [],
	"layers": {"scp": "absent", "boundary": "absent", "identity": "absent", "resource": "absent", "session": "absent", "rcp": "absent", "endpoint": "absent"},
	"missing_context": [],
	"errors": [e.message | some e in details],
	"error_details": details,
} if {
	details := _error_list(errs)
}

# The errors in the order of their messages; an empty set, which no caller
# should pass, still denies with a reason.
_error_list(errs) := [{"code": code, "message": msg} | some [msg, code] in sort([[e.message, e.code] | some e in errs])] if count(errs) > 0

else := [{"code": "INTERNAL_ERROR", "message": "internal: the decision could not be computed; denying"}]

# (A negated call would fail on an undefined argument, so the tests go
# through rules.)
_input_errors contains {"code": "MALFORMED_INPUT", "message": "input must be an object"} if not _input_object

_input_object if is_object(input)

_input_errors contains {"code": "MALFORMED_INPUT", "message": "principal is missing"} if {
	is_object(input)
	not input.principal
	not _sess
}

_input_errors contains {"code": "MALFORMED_INPUT", "message": "principal must be a string"} if {
	input.principal
	not is_string(input.principal)
}

_input_errors contains {"code": "UNKNOWN_PRINCIPAL", "message": sprintf("unknown principal %q", [input.principal])} if {
	is_string(input.principal)
	not _sess
	not _who
	not contains(input.principal, ":assumed-role/")
	not m.roles[input.principal]
}

# A role never makes a request itself: its sessions do (§4.1).
_input_errors contains {"code": "UNKNOWN_PRINCIPAL", "message": sprintf("unknown principal %q: it is a role, which makes requests through its sessions; assume it (data.iamc.assume) and make the request from the session", [input.principal])} if {
	is_string(input.principal)
	not _sess
	m.roles[input.principal]
}

_input_errors contains {"code": "INVALID_SESSION", "message": sprintf("%q is a role session: pass its session (role, name, issued_at, expires_at)", [input.principal])} if {
	is_string(input.principal)
	not _sess
	contains(input.principal, ":assumed-role/")
}

_input_errors contains {"code": "INVALID_SESSION", "message": "session must be an object"} if {
	input.session != null
	not is_object(input.session)
}

_input_errors contains {"code": "MALFORMED_INPUT", "message": "action is missing"} if {
	_input_object
	not _has_field("action")
}

_has_field(f) if input[f] != null

_input_errors contains {"code": "INVALID_ACTION", "message": sprintf("action must be \"service:Action\", not %v", [input.action])} if {
	_has_field("action")
	is_object(input)
	not _act
}

_input_errors contains {"code": "INVALID_RESOURCE", "message": "resource must be a non-empty string (an ARN or \"*\")"} if {
	is_object(input)
	not _res
}

_input_errors contains {"code": "INVALID_CONTEXT", "message": "context must be an object"} if {
	object.get(input, "context", null) != null
	not is_object(input.context)
}

_input_errors contains {"code": "INVALID_CONTEXT", "message": sprintf("context: %s %s", [k, _reserved_why(lower(k))])} if {
	some k, _ in input.context
	_reserved_key(lower(k))
}

_input_errors contains {"code": "INVALID_CONTEXT", "message": sprintf("context: %s takes one value, not a list: %s", [k, json.marshal(v)])} if {
	some k, v in input.context
	t := _key_type(lower(k))
	not endswith(t, "*")
	is_array(v)
}

_input_errors contains {"code": "INVALID_CONTEXT", "message": sprintf("context: %s must be %s, not %s", [k, _type_phrase(t), json.marshal(v)])} if {
	some k, v in input.context
	t := _key_type(lower(k))
	not _reserved_key(lower(k))
	not _typed_ok(t, v)
	not _list_for_single(t, v)
}

_list_for_single(t, v) if {
	not endswith(t, "*")
	is_array(v)
}

_input_errors contains {"code": "INVALID_CONTEXT", "message": sprintf("context: %s must be a string, a number, a boolean or a list of them, not %s", [k, json.marshal(v)])} if {
	some k, v in input.context
	not _key_type(lower(k))
	not _untyped_ok(v)
}

_input_errors contains {"code": "UNKNOWN_ROLE", "message": sprintf("no role %q in this bundle: %s acts on a role, decided by its trust policy", [input.resource, input.action])} if _unknown_role

# A request through a declared endpoint is for a service it serves, from its
# VPC (docs/semantics.md §10.4).
_input_errors contains {"code": "INVALID_CONTEXT", "message": sprintf("%s goes through %s, which serves %s, not %s", [input.action, _ctx_in["aws:sourcevpce"], concat(", ", _endpoint.svc), _svc])} if {
	not _svc in _endpoint.svc
}

_input_errors contains {"code": "INVALID_CONTEXT", "message": sprintf("context: aws:SourceVpc is %v, but %s is an endpoint of %s", [_ctx_in["aws:sourcevpc"], _ctx_in["aws:sourcevpce"], _endpoint.vpc])} if {
	_ctx_in["aws:sourcevpc"] != _endpoint.vpc
}

# Condition keys are case-insensitive: one key given twice is ambiguous.
_input_errors contains {"code": "INVALID_CONTEXT", "message": "context: a key is given twice, in different cases"} if _twice_context

_twice_context if count({lower(k) | some k, _ in input.context}) != count(input.context)

_input_errors contains {"code": "INVALID_STS_REQUEST", "message": "the root user cannot assume roles"} if _root_assume

# A service with a catalog (a service block) has only the actions it lists.
_input_errors contains {"code": "UNKNOWN_ACTION", "message": sprintf("unknown action %q: service %q declares no such action", [input.action, _svc])} if _catalog_miss
