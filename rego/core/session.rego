# Role sessions (§4.1): who a session is, whether it is still valid, and the
# session policy passed when it was created.
package iamc.core

# The indexed model (an import, so that lookups read only what they need).
import data.iamc.model as m

_sess := input.session if is_object(input.session)

# A federated user session (GetFederationToken) rather than a role session.
_federated if _sess.type == "federated"

# The temporary credentials of an IAM user or a root user (a console
# sign-in, or GetSessionToken): the principal's own permissions, with the
# keys of its credentials (§4.3: aws:MultiFactorAuthPresent is present, true
# when MFA was used).
_user_session if _sess.type == "user"

_user_session_who := u if {
	u := m.principals[input.principal]
	u.t in {"User", "Account"}
}

_user_session_keys := object.union(
	{"aws:multifactorauthpresent": _session_mfa, "aws:tokenissuetime": _sess.issued_at},
	_mfa_age,
) if {
	_user_session
} else := {}

_srole := m.roles[_sess.role]

_session_arn := concat("", ["arn:aws:sts::", _srole.a, ":assumed-role/", _srole.n, "/", _sess.name]) if is_string(_sess.name)

_session_mfa := object.get(_sess, "mfa", false) == true

# A role session is its role's record (kept by the compiler in the shape of
# who, with the role's context keys) completed with what the session adds.
_session_who := object.union(_srole, {
	"arn": _session_arn,
	"role": _sess.role,
	"ids": [_session_arn, _sess.role, _srole.a],
})

# The context keys of a session (§4.1), built when a condition reads them.
_session_keys := object.union_n([
	_account_keys(_srole.a),
	object.get(_srole, "tags", {}),
	_session_tags,
	{
		"aws:principalarn": _sess.role,
		"aws:principalaccount": _srole.a,
		"aws:principaltype": "AssumedRole",
		"aws:principalisawsservice": false,
		"aws:userid": concat(":", [_srole.id, _sess.name]),
		"aws:multifactorauthpresent": _session_mfa,
		"aws:tokenissuetime": _sess.issued_at,
	},
	_mfa_age,
])

# Session tags override the role's tags (§4.1).
_session_tags[concat("", ["aws:principaltag/", lower(k)])] := v if {
	is_object(_sess.tags)
	some k, v in _sess.tags
}

_mfa_age := {"aws:multifactorauthage": round((_now_ns - time.parse_rfc3339_ns(_sess.issued_at)) / 1000000000)} if {
	_session_mfa
} else := {}

# The federated user session of an IAM user: the user's policies (and
# boundary) intersected with the session policy, which it must have (§3.1
# step 7).
_fuser := m.principals[_sess.source] if {
	_federated
	m.principals[_sess.source].t == "User"
}

_federated_arn := concat("", ["arn:aws:sts::", _fuser.a, ":federated-user/", _sess.name]) if is_string(_sess.name)

# A resource policy that names the IAM user grants to its federated
# sessions as to the user, within the session policy ([S]): for pmatch the
# user is the session's "role".
_federated_who := {
	"t": "FederatedUser", "arn": _federated_arn, "a": _fuser.a, "ps": _fuser.ps, "role": _sess.source,
	"ids": [_federated_arn, _fuser.a],
	"k": object.union(
		{
			"aws:principalarn": _federated_arn,
			"aws:principalaccount": _fuser.a,
			"aws:principaltype": "FederatedUser",
			"aws:principalisawsservice": false,
			"aws:userid": concat(":", [_fuser.a, _sess.name]),
			"aws:multifactorauthpresent": false,
			"aws:tokenissuetime": _sess.issued_at,
		},
		_account_keys(_fuser.a),
	),
}

# A federated session keeps its user's boundary and SCPs.
_federated_extra := object.filter(_fuser, ["b", "scp", "p"])

# ---------------------------------------------------------------- validity

_session_errors contains {"code": "UNKNOWN_ROLE", "message": sprintf("session: no role %v in this bundle", [object.get(_sess, "role", null)])} if {
	_sess
	not _federated
	not _user_session
	not _srole
}

_session_errors contains {"code": "INVALID_SESSION", "message": sprintf("session: the temporary credentials of %v: the principal must be an IAM user or an account root user of this bundle", [object.get(input, "principal", null)])} if {
	_user_session
	not _user_session_who
}

_session_errors contains {"code": "INVALID_SESSION", "message": sprintf("session: a user session has no %s (it has type, mfa, issued_at and expires_at)", [f])} if {
	_user_session
	some f in ["role", "name", "policy", "tags"]
	object.get(_sess, f, null) != null
}

_session_errors contains {"code": "INVALID_SESSION", "message": "session: a user session is not chained"} if {
	_user_session
	object.get(_sess, "chained", false) != false
}

_session_errors contains {"code": "INVALID_SESSION", "message": sprintf("session: the source of a federated session must be an IAM user of this bundle, not %v", [object.get(_sess, "source", null)])} if {
	_federated
	not _fuser
}

# The fields a session has; anything else (a misspelled "Policy", say) would
# be silently ignored, so it is an error.
_session_fields := {"role", "name", "arn", "source", "mfa", "issued_at", "expires_at", "policy", "chained", "tags", "type"}

_session_errors contains {"code": "INVALID_SESSION", "message": sprintf("session: unknown field %q", [k])} if {
	some k, _ in _sess
	not k in _session_fields
}

_session_errors contains {"code": "INVALID_SESSION_POLICY", "message": "session: policy must be a JSON policy document (an object)"} if {
	object.get(_sess, "policy", null) != null
	not is_object(_sess.policy)
}

_session_errors contains {"code": "INVALID_SESSION", "message": "session: chained must be true or false"} if {
	object.get(_sess, "chained", false) != true
	object.get(_sess, "chained", false) != false
}

_session_errors contains {"code": "INVALID_SESSION", "message": sprintf("session: type must be absent (a role session), \"federated\" or \"user\", not %v", [_sess.type])} if {
	not _sess.type in {"federated", "user"}
}

_session_errors contains {"code": "INVALID_SESSION", "message": "session: tags must be an object of strings, each key once whatever its case"} if {
	object.get(_sess, "tags", null) != null
	not _session_tags_ok
}

_session_tags_ok if {
	is_object(_sess.tags)
	every v in _sess.tags {
		is_string(v)
	}
	count({lower(k) | some k, _ in _sess.tags}) == count(_sess.tags)
}

_session_errors contains {"code": "INVALID_SESSION", "message": "session: name is missing"} if {
	_sess
	not _user_session
	not _session_named
}

_session_errors contains {"code": "INVALID_SESSION", "message": sprintf("session: principal %q is neither the session %q nor its source %v", [input.principal, acting_arn, object.get(_sess, "source", null)])} if {
	_sess
	input.principal
	acting_arn := object.get(_who, "arn", "")
	input.principal != acting_arn
	input.principal != object.get(_sess, "source", null)
}

_session_errors contains {"code": "INVALID_SESSION", "message": sprintf("session: %s is not an RFC 3339 time", [f])} if {
	_sess
	some f in ["issued_at", "expires_at"]
	not _valid_time(object.get(_sess, f, null))
}

_session_named if is_string(_sess.name)

_valid_time(t) if time.parse_rfc3339_ns(t)

_session_errors contains {"code": "SESSION_EXPIRED", "message": sprintf("session: expired at %s", [_sess.expires_at])} if {
	_now_ns >= time.parse_rfc3339_ns(_sess.expires_at)
}

_session_errors contains {"code": "INVALID_SESSION", "message": sprintf("session: issued at %s, after the request time", [_sess.issued_at])} if {
	_now_ns < time.parse_rfc3339_ns(_sess.issued_at)
}

_session_errors contains {"code": "INVALID_SESSION", "message": sprintf("session: lasts %ds, longer than the %ds this role allows", [span, max])} if {
	span := (time.parse_rfc3339_ns(_sess.expires_at) - time.parse_rfc3339_ns(_sess.issued_at)) / 1000000000
	max := _session_max
	span > max
}

# Role chaining caps a session at one hour (§4.1); GetFederationToken
# sessions last at most 36 hours.
_session_max := 129600 if {
	_federated
} else := 129600 if {
	_user_session
} else := 3600 if {
	_sess.chained == true
} else := _srole.max

# ---------------------------------------------------------------- session policy

_has_session_policy if is_object(_sess.policy)

_sp_stmts := [_lower_stmt(s, i, "session.policy") | some i, s in _as_list(_sess.policy.Statement)]

_sp_set := {i |
	some i, st in _sp_stmts
	_sp_action(st)
	_rok(st)
	_cok(st)
}

_sp_action(st) if _any_pm(st.a, _act)

_sp_action(st) if {
	st.na
	not _any_pm(st.na, _act)
}
