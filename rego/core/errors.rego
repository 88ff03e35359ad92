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
	who.t in {"User", "Account"}
	act
	res
	not catalog_miss
	not root_assume
	not unknown_role
} else := sort((input_errors | session_errors) | lowering_errors)

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
	lk := lower(k)
	startswith(lk, "aws:")
	bad_key(lk, v)
}

bad_key(k, v) if {
	t := key_types[k]
	not valid_key_value(t, v)
}

bad_key(k, _) if reserved_key(k)

bad_key(k, v) if {
	is_array(v)
	single_valued_key(k)
}

# Keys AWS sets from the principal, its session or the resource, never from
# the request (§4.1): a value in the context would let a caller claim a tag,
# an organization or a user name it does not have.
reserved_key(k) if startswith(k, "aws:principal")

reserved_key(k) if k in {"aws:username", "aws:userid", "aws:tokenissuetime", "aws:resourceaccount"}

reserved_key(k) if {
	sess
	startswith(k, "aws:multifactorauth")
}

reserved_key(k) if {
	startswith(k, "aws:resourcetag/")
	resource_entry
}

# Single-valued keys (§5.3): a list for one of them is malformed.
single_valued_key(k) if k in {
	"aws:sourceip", "aws:currenttime", "aws:epochtime", "aws:requestedregion",
	"aws:securetransport", "aws:sourceaccount", "aws:sourcearn", "aws:sourcevpc",
	"aws:sourcevpce", "aws:multifactorauthpresent", "aws:multifactorauthage",
}

single_valued_key(k) if startswith(k, "aws:requesttag/")

single_valued_key(k) if startswith(k, "aws:resourcetag/")

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

input_errors contains sprintf("context: %s must be %s, not %v", [k, what, v]) if {
	some k, v in input.context
	what := key_types[lower(k)]
	not valid_key_value(what, v)
}

input_errors contains sprintf("context: %s is set by AWS from the principal, not by the request", [k]) if {
	some k, _ in input.context
	reserved_key(lower(k))
}

input_errors contains sprintf("context: %s takes one value, not a list", [k]) if {
	some k, v in input.context
	single_valued_key(lower(k))
	is_array(v)
}

input_errors contains sprintf("no role %q in this bundle: %s acts on a role, decided by its trust policy", [input.resource, input.action]) if unknown_role

# Condition keys are case-insensitive: one key given twice is ambiguous.
input_errors contains "context: a key is given twice, in different cases" if twice_context

twice_context if count({lower(k) | some k, _ in input.context}) != count(input.context)

input_errors contains "the root user cannot assume roles" if root_assume

key_types := {
	"aws:currenttime": "a date",
	"aws:epochtime": "a date",
	"aws:tokenissuetime": "a date",
	"aws:sourceip": "an IP address",
	"aws:multifactorauthpresent": "a boolean",
	"aws:securetransport": "a boolean",
	"aws:multifactorauthage": "a number",
}

valid_key_value("a date", v) if date_ns(v)

valid_key_value("an IP address", v) if net.cidr_is_valid(concat("", [v, "/32"]))

valid_key_value("an IP address", v) if net.cidr_is_valid(concat("", [v, "/128"]))

valid_key_value("a boolean", v) if is_boolean(v)

valid_key_value("a boolean", v) if lower(v) in {"true", "false"}

valid_key_value("a number", v) if to_number(v)

# A service with a catalog (a service block) has only the actions it lists.
input_errors contains sprintf("unknown action %q: service %q declares no such action", [input.action, svc]) if catalog_miss
