# Validation of the decision input. Every error denies.
package iamc.core

import data.iamc.model as m

default allowed := false

# The errors of the input, none in the common case: a known user or root
# user, a well-formed action and resource, and a context without the keys
# whose values are checked. Anything else goes through every check.
errors := [] if {
	object.get(input, "session", null) == null
	context_ok
	time_ok
	who.t in {"User", "Account"}
	act
	res
	not catalog_miss
	not root_assume
	not unknown_role
} else := sort((input_errors | session_errors) | lowering_errors)

# The request time is the clock's, unless the bundle replays requests
# (core.rego, now_ns).
time_ok if not has_field("time")

time_ok if {
	request_time_accepted
	valid_time(input.time)
}

input_errors contains "time: this bundle takes the time of a request from the clock, not from the input (build it with iamc build --request-time to replay requests at a given time)" if {
	has_field("time")
	not request_time_accepted
}

input_errors contains sprintf("time must be an RFC 3339 time like \"2026-11-29T12:00:00Z\", not %s", [json.marshal(input.time)]) if {
	has_field("time")
	request_time_accepted
	not valid_time(input.time)
}

# The context is absent, or an object whose keys are given once each, none of
# them set by AWS from the principal, with values of the right type.
context_ok if object.get(input, "context", null) == null

context_ok if {
	is_object(input.context)
	not twice_context
	not bad_context
}

bad_context if {
	some k, v in input.context
	bad_value(lower(k), v)
}

bad_value(k, _) if reserved_key(k)

bad_value(k, v) if {
	t := key_type(k)
	not typed_ok(t, v)
}

bad_value(k, v) if {
	not key_type(k)
	not untyped_ok(v)
}

# Keys AWS sets itself, never the request: from the principal and its
# credentials (§4.1, §4.3), from the resource, and the time of the request.
# A value in the context would let a caller claim a tag, an organization, a
# user name, MFA or a time it does not have.
# The model's table m.kr lists the global keys and who sets them
# (compiler/keys.go; docs/semantics.md has the table for people).
reserved_key(k) if m.kr[k]

reserved_key(k) if startswith(k, "aws:principal")

reserved_key(k) if {
	startswith(k, "aws:resourcetag/")
	resource_entry
}

reserved_why(k) := "is the time of the request, which AWS takes from its clock: a test sets it with time, a replay with input.time (see docs/semantics.md)" if {
	m.kr[k] == "clock"
} else := "is set by AWS from the caller's credentials (MFA comes from a session that used it: mfa in tests, --mfa in iamc eval)" if {
	m.kr[k] == "credentials"
} else := "is set by AWS from the resource" if {
	startswith(k, "aws:resource")
} else := "is set by AWS from the principal, not by the request"

# The type a request value of key k must have: the model's key table (the
# AWS global keys and every key a condition of the bundle reads), else its
# family's (tags, object tags, encryption context).
key_type(k) := m.kt[k]

key_type(k) := t if {
	not m.kt[k]
	some p, t in m.ktf
	startswith(k, p)
}

# A multivalued type ends in "*" and takes a list (or one value); a
# single-valued type takes one value. "n,d" is a number that is also a date.
typed_ok(t, v) if {
	endswith(t, "*")
	is_array(v)
	every x in v {
		scalar_typed(trim_suffix(t, "*"), x)
	}
}

typed_ok(t, v) if {
	not is_array(v)
	scalar_typed(trim_suffix(t, "*"), v)
}

scalar_typed(t, v) if {
	every u in split(t, ",") {
		value_of_type(u, v)
	}
}

value_of_type("s", v) if is_string(v)

value_of_type("arn", v) if {
	is_string(v)
	regex.match(`^arn:[^:]*:[^:]*:[^:]*:[^:]*:.+$`, v)
}

value_of_type("bin", v) if {
	is_string(v)
	base64.is_valid(v)
}

value_of_type("n", v) if is_number(v)

value_of_type("n", v) if {
	is_string(v)
	regex.match(`^-?[0-9]+(\.[0-9]+)?$`, v)
}

value_of_type("d", v) if date_ns(v)

value_of_type("b", v) if is_boolean(v)

value_of_type("b", v) if {
	is_string(v)
	lower(v) in {"true", "false"}
}

value_of_type("ip", v) if {
	is_string(v)
	not contains(v, "/")
	ip_valid(v)
}

ip_valid(v) if net.cidr_is_valid(concat("", [v, "/32"]))

ip_valid(v) if net.cidr_is_valid(concat("", [v, "/128"]))

# A key iamc has no type for: strings, numbers, booleans, or a list of them.
untyped_ok(v) if is_scalar(v)

untyped_ok(v) if {
	is_array(v)
	every x in v {
		is_scalar(x)
	}
}

is_scalar(v) if is_string(v)

is_scalar(v) if is_number(v)

is_scalar(v) if is_boolean(v)

type_words := {
	"s": "a string", "arn": "an ARN", "bin": "base64 text", "n": "a number",
	"d": "a date (ISO 8601 or epoch seconds)", "b": "true or false", "ip": "an IP address",
}

# How a type reads in an error: "a number", "a list of (a string)".
type_phrase(t) := concat(" and ", [type_words[u] | some u in split(t, ",")]) if not endswith(t, "*")

type_phrase(t) := concat("", ["a list, each ", concat(" and ", [type_words[u] | some u in split(trim_suffix(t, "*"), ",")])]) if endswith(t, "*")

# sts:AssumeRole and the other trust actions act on a role of the bundle;
# anything else has no trust policy to decide with (§4.2).
unknown_role if {
	act in trust_actions
	not m.roles[res]
}

root_assume if {
	who.t == "Account"
	act in trust_actions
}

catalog_miss if {
	act
	not catalog_ok(svc, act)
}

error_decision(errs) := {
	"allowed": false,
	"decision": "implicit_deny",
	"reasons": [],
	"layers": {"scp": "absent", "boundary": "absent", "identity": "absent", "resource": "absent", "session": "absent"},
	"missing_context": [],
	"errors": errs_or_internal(errs),
}

errs_or_internal(errs) := errs if count(errs) > 0
else := ["internal: the decision could not be computed; denying"]

# (A negated call would fail on an undefined argument, so the tests go
# through rules.)
input_errors contains "input must be an object" if not input_object

input_object if is_object(input)

input_errors contains "principal is missing" if {
	is_object(input)
	not input.principal
	not sess
}

input_errors contains "principal must be a string" if {
	input.principal
	not is_string(input.principal)
}

input_errors contains sprintf("unknown principal %q", [input.principal]) if {
	is_string(input.principal)
	not sess
	not who
	not contains(input.principal, ":assumed-role/")
}

input_errors contains sprintf("%q is a role session: pass its session (role, name, issued_at, expires_at)", [input.principal]) if {
	is_string(input.principal)
	not sess
	contains(input.principal, ":assumed-role/")
}

input_errors contains "session must be an object" if {
	input.session != null
	not is_object(input.session)
}

input_errors contains "action is missing" if {
	input_object
	not has_field("action")
}

has_field(f) if input[f] != null

input_errors contains sprintf("action must be \"service:Action\", not %v", [input.action]) if {
	has_field("action")
	is_object(input)
	not act
}

input_errors contains "resource must be a non-empty string (an ARN or \"*\")" if {
	is_object(input)
	not res
}

input_errors contains "context must be an object" if {
	object.get(input, "context", null) != null
	not is_object(input.context)
}

input_errors contains sprintf("context: %s %s", [k, reserved_why(lower(k))]) if {
	some k, _ in input.context
	reserved_key(lower(k))
}

input_errors contains sprintf("context: %s takes one value, not a list: %s", [k, json.marshal(v)]) if {
	some k, v in input.context
	t := key_type(lower(k))
	not endswith(t, "*")
	is_array(v)
}

input_errors contains sprintf("context: %s must be %s, not %s", [k, type_phrase(t), json.marshal(v)]) if {
	some k, v in input.context
	t := key_type(lower(k))
	not reserved_key(lower(k))
	not typed_ok(t, v)
	not list_for_single(t, v)
}

list_for_single(t, v) if {
	not endswith(t, "*")
	is_array(v)
}

input_errors contains sprintf("context: %s must be a string, a number, a boolean or a list of them, not %s", [k, json.marshal(v)]) if {
	some k, v in input.context
	not key_type(lower(k))
	not untyped_ok(v)
}

input_errors contains sprintf("no role %q in this bundle: %s acts on a role, decided by its trust policy", [input.resource, input.action]) if unknown_role

# Condition keys are case-insensitive: one key given twice is ambiguous.
input_errors contains "context: a key is given twice, in different cases" if twice_context

twice_context if count({lower(k) | some k, _ in input.context}) != count(input.context)

input_errors contains "the root user cannot assume roles" if root_assume

# A service with a catalog (a service block) has only the actions it lists.
input_errors contains sprintf("unknown action %q: service %q declares no such action", [input.action, svc]) if catalog_miss
