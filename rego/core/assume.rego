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

assume_role := m.roles[input.role]

# The request AssumeRole makes, with the caller's credentials: its own
# session, or, for a caller with long-term keys who passes an MFA code, the
# MFA it presents to the trust policy (§4.3). MFA comes only from the
# credentials, never from the context of the call, which the decision
# refuses like any request context.
assume_request := object.union_n([
	{
		"principal": input.principal,
		"action": "sts:AssumeRole",
		"resource": input.role,
		"context": object.get(input, "context", {}),
	},
	{"session": s | s := assume_caller_session},
	{"time": input.time | input.time},
])

assume_caller_session := object.union(input.session, {"mfa": true}) if {
	input.session.type == "user"
	input.mfa == true
} else := input.session if {
	is_object(input.session)
} else := {
	"type": "user",
	"mfa": true,
	"issued_at": time.format([now_ns, "UTC", "2006-01-02T15:04:05Z"]),
	"expires_at": time.format([now_ns + 900000000000, "UTC", "2006-01-02T15:04:05Z"]),
} if {
	input.mfa == true
}

assume_decision := d if {
	d := data.iamc.decision with input as assume_request
}

# Passing session tags is the request sts:TagSession too, against the same
# trust policy and the caller's policies (§4.2); both must be allowed.
assume_tags if count(object.get(input, "tags", {})) > 0

tag_decision := d if {
	assume_tags
	d := data.iamc.decision with input as object.union(assume_request, {"action": "sts:TagSession"})
}

# The decision AssumeRole reports: the first of the two that denies.
assume_result := tag_decision if {
	assume_decision.allowed
	assume_tags
	not tag_decision.allowed
} else := assume_decision

# Assuming a role from a role session chains roles (§4.1); from a user's
# temporary credentials it does not.
default assume_chained := false

assume_chained if {
	is_object(input.session)
	not input.session.type
}

assume_from_user_session if input.session.type == "user"

assume_duration := object.get(input, "duration_seconds", 3600)

assume_max := 3600 if assume_chained
else := assume_role.max

assume_now := now_ns

assume_errors contains sprintf("no role %q in this bundle", [input.role]) if not assume_role

# The temporary credentials of GetFederationToken cannot call STS, except
# GetCallerIdentity (the STS API reference, GetFederationToken).
assume_errors contains "a federated user session cannot call AssumeRole" if input.session.type == "federated"

assume_errors contains "duration_seconds must be a number of seconds" if not is_number(assume_duration)

assume_errors contains "duration_seconds must be at least 900 (15 minutes)" if assume_duration < 900

assume_errors contains sprintf("duration_seconds %d exceeds the maximum session duration of %d seconds%s", [assume_duration, assume_max, chain_note]) if {
	assume_duration > assume_max
}

chain_note := " (role chaining caps sessions at one hour)" if assume_chained
else := ""

assume_errors contains "session_name must be 2 to 64 characters of letters, digits and +=,.@-" if {
	input.session_name
	not regex.match(`^[\w+=,.@-]{2,64}$`, input.session_name)
}

assume_errors contains "policy must be a JSON policy document (an object)" if {
	input.policy
	not is_object(input.policy)
}

# The session name defaults to the caller's name: the user name, the
# previous session's name, or "root".
default_session_name := n if {
	assume_chained
	n := input.session.name
} else := n if {
	p := m.principals[input.principal]
	n := object.get(p, "n", "root")
} else := "session"

assume_session_name := input.session_name if is_string(input.session_name)
else := default_session_name

assume_source := concat("", ["arn:aws:sts::", m.roles[input.session.role].a, ":assumed-role/", m.roles[input.session.role].n, "/", input.session.name]) if {
	assume_chained
} else := input.principal

assume_session := object.union_n([
	{
		"role": input.role,
		"name": assume_session_name,
		"arn": concat("", ["arn:aws:sts::", assume_role.a, ":assumed-role/", assume_role.n, "/", assume_session_name]),
		"source": assume_source,
		"mfa": assume_mfa,
		"issued_at": time.format([assume_now, "UTC", "2006-01-02T15:04:05Z"]),
		"expires_at": time.format([assume_now + (assume_duration * 1000000000), "UTC", "2006-01-02T15:04:05Z"]),
		"chained": assume_chained,
	},
	{"policy": input.policy | is_object(input.policy)},
	{"tags": input.tags | is_object(input.tags)},
])

# A chained session keeps the MFA state of the session it came from, as does
# a session assumed from a user's temporary credentials that used MFA.
assume_mfa := object.get(input.session, "mfa", false) == true if assume_chained
else := true if {
	assume_from_user_session
	input.session.mfa == true
} else := object.get(input, "mfa", false) == true

assume := {
	"allowed": true,
	"decision": assume_result,
	"session": assume_session,
	"errors": [],
} if {
	count(assume_errors) == 0
	assume_result.allowed
} else := {
	# An invalid call (an unknown role, a duration over the maximum) is
	# refused before any policy is looked at, as STS refuses it.
	"allowed": false,
	"decision": error_decision(assume_errors),
	"errors": sort(assume_errors),
} if {
	count(assume_errors) > 0
} else := {
	"allowed": false,
	"decision": assume_result,
	"errors": assume_result.errors,
}

# ---------------------------------------------------------------- GetFederationToken

# sts:GetFederationToken: an IAM user gets a federated user session whose
# permissions are the user's intersected with the session policy (§3.1 step
# 7, §4.1). The user needs permission for sts:GetFederationToken.
#
# Input: {"principal": user ARN, "name": session name, "policy": {…},
#         "duration_seconds": n, "context": {…}}
federate_user := m.principals[input.principal] if m.principals[input.principal].t == "User"

federate_name := input.name if is_string(input.name)
else := federate_user.n

federate_arn := concat("", ["arn:aws:sts::", federate_user.a, ":federated-user/", federate_name])

federate_request := object.union(
	{
		"principal": input.principal,
		"action": "sts:GetFederationToken",
		"resource": federate_arn,
		"context": object.get(input, "context", {}),
	},
	{"time": input.time | input.time},
)

federate_decision := d if {
	d := data.iamc.decision with input as federate_request
}

federate_duration := object.get(input, "duration_seconds", 43200)

federate_errors contains sprintf("GetFederationToken is for IAM users; %q is not one in this bundle", [input.principal]) if not federate_user

federate_errors contains "name must be 2 to 32 characters of letters, digits and +=,.@-" if {
	not regex.match(`^[\w+=,.@-]{2,32}$`, object.get(input, "name", federate_user.n))
}

federate_errors contains "duration_seconds must be between 900 and 129600" if {
	not federate_duration_ok
}

federate_duration_ok if {
	is_number(federate_duration)
	federate_duration >= 900
	federate_duration <= 129600
}

federate_errors contains "policy must be a JSON policy document (an object)" if {
	input.policy
	not is_object(input.policy)
}

federate_session := object.union_n([
	{
		"type": "federated",
		"name": federate_name,
		"arn": federate_arn,
		"source": input.principal,
		"mfa": false,
		"issued_at": time.format([assume_now, "UTC", "2006-01-02T15:04:05Z"]),
		"expires_at": time.format([assume_now + (federate_duration * 1000000000), "UTC", "2006-01-02T15:04:05Z"]),
		"chained": false,
	},
	{"policy": input.policy | is_object(input.policy)},
])

federate := {
	"allowed": true,
	"decision": federate_decision,
	"session": federate_session,
	"errors": [],
} if {
	count(federate_errors) == 0
	federate_decision.allowed
} else := {
	"allowed": false,
	"decision": error_decision(federate_errors),
	"errors": sort(federate_errors),
} if {
	count(federate_errors) > 0
} else := {
	"allowed": false,
	"decision": federate_decision,
	"errors": federate_decision.errors,
}
