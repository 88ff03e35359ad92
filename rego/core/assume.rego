# sts:AssumeRole (§4.2): the decision against the role's trust policy and
# the caller's own policies, and the session it creates.
#
# Input: {"principal": caller ARN, "role": role ARN, "mfa": bool,
#         "duration_seconds": n, "session_name": s, "policy": {…},
#         "tags": {…}, "context": {…}, "session": {…} (the caller's own
#         session, when chaining roles)}
package iamc.core

# The indexed model (an import, so that lookups read only what they need).
import data.iamc.model as m

_assume_role := m.roles[input.role]

# The request AssumeRole makes, with the caller's credentials: its own
# session, or, for a caller with long-term keys who passes an MFA code, the
# MFA it presents to the trust policy (§4.3). MFA comes only from the
# credentials, never from the context of the call, which the decision
# refuses like any request context.
_assume_request := object.union_n([
	{
		"principal": input.principal,
		"action": "sts:AssumeRole",
		"resource": input.role,
		"context": object.get(input, "context", {}),
	},
	{"session": s | s := _assume_caller_session},
	{"time": input.time | input.time},
])

_assume_caller_session := object.union(input.session, {"mfa": true}) if {
	input.session.type == "user"
	input.mfa == true
} else := input.session if {
	is_object(input.session)
} else := {
	"type": "user",
	"mfa": true,
	"issued_at": time.format([_now_ns, "UTC", "2006-01-02T15:04:05Z"]),
	"expires_at": time.format([_now_ns + 900000000000, "UTC", "2006-01-02T15:04:05Z"]),
} if {
	input.mfa == true
}

_assume_decision := d if {
	d := data.iamc.decision with input as _assume_request
}

# Passing session tags is the request sts:TagSession too, against the same
# trust policy and the caller's policies (§4.2); both must be allowed.
_assume_tags if count(object.get(input, "tags", {})) > 0

_tag_decision := d if {
	_assume_tags
	d := data.iamc.decision with input as object.union(_assume_request, {"action": "sts:TagSession"})
}

# The decision AssumeRole reports: the first of the two that denies.
_assume_result := _tag_decision if {
	_assume_decision.allowed
	_assume_tags
	not _tag_decision.allowed
} else := _assume_decision

# Assuming a role from a role session chains roles (§4.1); from a user's
# temporary credentials it does not.
default _assume_chained := false

_assume_chained if {
	is_object(input.session)
	not input.session.type
}

_assume_from_user_session if input.session.type == "user"

_assume_duration := object.get(input, "duration_seconds", 3600)

_assume_max := 3600 if {
	_assume_chained
} else := _assume_role.max

_assume_now := _now_ns

_assume_errors contains {"code": "UNKNOWN_ROLE", "message": sprintf("no role %q in this bundle", [input.role])} if not _assume_role

# The temporary credentials of GetFederationToken cannot call STS, except
# GetCallerIdentity (the STS API reference, GetFederationToken).
_assume_errors contains {"code": "INVALID_STS_REQUEST", "message": "a federated user session cannot call AssumeRole"} if input.session.type == "federated"

_assume_errors contains {"code": "INVALID_STS_REQUEST", "message": "duration_seconds must be a number of seconds"} if not is_number(_assume_duration)

_assume_errors contains {"code": "INVALID_STS_REQUEST", "message": "duration_seconds must be at least 900 (15 minutes)"} if _assume_duration < 900

_assume_errors contains {"code": "INVALID_STS_REQUEST", "message": sprintf("duration_seconds %d exceeds the maximum session duration of %d seconds%s", [_assume_duration, _assume_max, _chain_note])} if {
	_assume_duration > _assume_max
}

_chain_note := " (role chaining caps sessions at one hour)" if {
	_assume_chained
} else := ""

_assume_errors contains {"code": "INVALID_STS_REQUEST", "message": "session_name must be 2 to 64 characters of letters, digits and +=,.@-"} if {
	input.session_name
	not regex.match(`^[\w+=,.@-]{2,64}$`, input.session_name)
}

_assume_errors contains {"code": "INVALID_SESSION_POLICY", "message": "policy must be a JSON policy document (an object)"} if {
	input.policy
	not is_object(input.policy)
}

# The session name defaults to the caller's name: the user name, the
# previous session's name, or "root".
_default_session_name := n if {
	_assume_chained
	n := input.session.name
} else := n if {
	p := m.principals[input.principal]
	n := object.get(p, "n", "root")
} else := "session"

_assume_session_name := input.session_name if {
	is_string(input.session_name)
} else := _default_session_name

_assume_source := concat("", ["arn:aws:sts::", m.roles[input.session.role].a, ":assumed-role/", m.roles[input.session.role].n, "/", input.session.name]) if {
	_assume_chained
} else := input.principal

_assume_session := object.union_n([
	{
		"role": input.role,
		"name": _assume_session_name,
		"arn": concat("", ["arn:aws:sts::", _assume_role.a, ":assumed-role/", _assume_role.n, "/", _assume_session_name]),
		"source": _assume_source,
		"mfa": _assume_mfa,
		"issued_at": time.format([_assume_now, "UTC", "2006-01-02T15:04:05Z"]),
		"expires_at": time.format([_assume_now + (_assume_duration * 1000000000), "UTC", "2006-01-02T15:04:05Z"]),
		"chained": _assume_chained,
	},
	{"policy": input.policy | is_object(input.policy)},
	{"tags": input.tags | is_object(input.tags)},
])

# A chained session keeps the MFA state of the session it came from, as does
# a session assumed from a user's temporary credentials that used MFA.
_assume_mfa := object.get(input.session, "mfa", false) == true if {
	_assume_chained
} else if {
	_assume_from_user_session
	input.session.mfa == true
} else := object.get(input, "mfa", false) == true

_assume := {
	"allowed": true,
	"decision": _assume_result,
	"session": _assume_session,
	"errors": [],
	"error_details": [],
} if {
	count(_assume_errors) == 0
	_assume_result.allowed
} else := {
	# An invalid call (an unknown role, a duration over the maximum) is
	# refused before any policy is looked at, as STS refuses it.
	"allowed": false,
	"decision": d,
	"errors": d.errors,
	"error_details": d.error_details,
} if {
	count(_assume_errors) > 0
	d := _error_decision(_assume_errors)
} else := {
	"allowed": false,
	"decision": _assume_result,
	"errors": _assume_result.errors,
	"error_details": object.get(_assume_result, "error_details", []),
}

# ---------------------------------------------------------------- GetFederationToken

# sts:GetFederationToken: an IAM user gets a federated user session whose
# permissions are the user's intersected with the session policy (§3.1 step
# 7, §4.1). The user needs permission for sts:GetFederationToken.
#
# Input: {"principal": user ARN, "name": session name, "policy": {…},
#         "duration_seconds": n, "context": {…}}
_federate_user := m.principals[input.principal] if m.principals[input.principal].t == "User"

_federate_name := input.name if {
	is_string(input.name)
} else := _federate_user.n

_federate_arn := concat("", ["arn:aws:sts::", _federate_user.a, ":federated-user/", _federate_name])

_federate_request := object.union(
	{
		"principal": input.principal,
		"action": "sts:GetFederationToken",
		"resource": _federate_arn,
		"context": object.get(input, "context", {}),
	},
	{"time": input.time | input.time},
)

_federate_decision := d if {
	d := data.iamc.decision with input as _federate_request
}

_federate_duration := object.get(input, "duration_seconds", 43200)

_federate_errors contains {"code": "INVALID_STS_REQUEST", "message": sprintf("GetFederationToken is for IAM users; %q is not one in this bundle", [input.principal])} if not _federate_user

_federate_errors contains {"code": "INVALID_STS_REQUEST", "message": "name must be 2 to 32 characters of letters, digits and +=,.@-"} if {
	not regex.match(`^[\w+=,.@-]{2,32}$`, object.get(input, "name", _federate_user.n))
}

_federate_errors contains {"code": "INVALID_STS_REQUEST", "message": "duration_seconds must be between 900 and 129600"} if {
	not _federate_duration_ok
}

_federate_duration_ok if {
	is_number(_federate_duration)
	_federate_duration >= 900
	_federate_duration <= 129600
}

_federate_errors contains {"code": "INVALID_SESSION_POLICY", "message": "policy must be a JSON policy document (an object)"} if {
	input.policy
	not is_object(input.policy)
}

_federate_session := object.union_n([
	{
		"type": "federated",
		"name": _federate_name,
		"arn": _federate_arn,
		"source": input.principal,
		"mfa": false,
		"issued_at": time.format([_assume_now, "UTC", "2006-01-02T15:04:05Z"]),
		"expires_at": time.format([_assume_now + (_federate_duration * 1000000000), "UTC", "2006-01-02T15:04:05Z"]),
		"chained": false,
	},
	{"policy": input.policy | is_object(input.policy)},
])

_federate := {
	"allowed": true,
	"decision": _federate_decision,
	"session": _federate_session,
	"errors": [],
	"error_details": [],
} if {
	count(_federate_errors) == 0
	_federate_decision.allowed
} else := {
	"allowed": false,
	"decision": d,
	"errors": d.errors,
	"error_details": d.error_details,
} if {
	count(_federate_errors) > 0
	d := _error_decision(_federate_errors)
} else := {
	"allowed": false,
	"decision": _federate_decision,
	"errors": _federate_decision.errors,
	"error_details": object.get(_federate_decision, "error_details", []),
}
