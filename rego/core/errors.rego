# Validation of the decision input. Every error denies.
package iamc.core

default allowed := false

# The errors of the input, none in the common case: a known user or root
# user, a well-formed action and resource, and a context without the keys
# whose values are checked. Anything else goes through every check.
errors := [] if {
	object.get(input, "session", null) == null
	who.t in {"User", "Account"}
	act
	res
	context_ok
	not checked_keys
	not twice_context
	not catalog_miss
	not root_assume
} else := sort((input_errors | session_errors) | lowering_errors)

context_ok if not input.context

context_ok if is_object(input.context)

root_assume if {
	who.t == "Account"
	act in trust_actions
}

checked_keys if {
	some k, _ in input.context
	key_types[lower(k)]
}

catalog_miss if {
	cat := data.iamc.project.catalog[svc]
	not substring(act, count(svc) + 1, -1) in cat
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
	input.context != null
	not is_object(input.context)
}

input_errors contains sprintf("context: %s must be %s, not %v", [k, what, v]) if {
	some k, v in input.context
	what := key_types[lower(k)]
	not valid_key_value(what, v)
}

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
