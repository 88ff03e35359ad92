# Role sessions (§4.1): who a session is, whether it is still valid, and the
# session policy passed when it was created.
package iamc.core

# The indexed model (an import, so that lookups read only what they need).
import data.iamc.model as m

sess := input.session if is_object(input.session)

# A federated user session (GetFederationToken) rather than a role session.
federated if sess.type == "federated"

# The temporary credentials of an IAM user or a root user (a console
# sign-in, or GetSessionToken): the principal's own permissions, with the
# keys of its credentials (§4.3: aws:MultiFactorAuthPresent is present, true
# when MFA was used).
user_session if sess.type == "user"

user_session_who := u if {
	u := m.principals[input.principal]
	u.t in {"User", "Account"}
}

user_session_keys := object.union(
	{"aws:multifactorauthpresent": session_mfa, "aws:tokenissuetime": sess.issued_at},
	mfa_age,
) if {
	user_session
} else := {}
srole := m.roles[sess.role]

session_arn := concat("", ["arn:aws:sts::", srole.a, ":assumed-role/", srole.n, "/", sess.name]) if is_string(sess.name)

session_mfa := object.get(sess, "mfa", false) == true

# A role session is its role's record (kept by the compiler in the shape of
# who, with the role's context keys) completed with what the session adds.
session_who := object.union(srole, {
	"arn": session_arn,
	"role": sess.role,
	"ids": [session_arn, sess.role, srole.a],
})

# The context keys of a session (§4.1), built when a condition reads them.
session_keys := object.union_n([
	account_keys(srole.a),
	object.get(srole, "tags", {}),
	session_tags,
	{
		"aws:principalarn": sess.role,
		"aws:principalaccount": srole.a,
		"aws:principaltype": "AssumedRole",
		"aws:userid": concat(":", [srole.id, sess.name]),
		"aws:multifactorauthpresent": session_mfa,
		"aws:tokenissuetime": sess.issued_at,
	},
	mfa_age,
])

# Session tags override the role's tags (§4.1).
session_tags[concat("", ["aws:principaltag/", lower(k)])] := v if {
	is_object(sess.tags)
	some k, v in sess.tags
}

mfa_age := {"aws:multifactorauthage": round((now_ns - time.parse_rfc3339_ns(sess.issued_at)) / 1000000000)} if {
	session_mfa
} else := {}

# The federated user session of an IAM user: the user's policies (and
# boundary) intersected with the session policy, which it must have (§3.1
# step 7).
fuser := m.principals[sess.source] if {
	federated
	m.principals[sess.source].t == "User"
}

federated_arn := concat("", ["arn:aws:sts::", fuser.a, ":federated-user/", sess.name]) if is_string(sess.name)

# A resource policy that names the IAM user grants to its federated
# sessions as to the user, within the session policy ([S]): for pmatch the
# user is the session's "role".
federated_who := {
	"t": "FederatedUser", "arn": federated_arn, "a": fuser.a, "ps": fuser.ps, "role": sess.source,
	"ids": [federated_arn, fuser.a],
	"k": object.union(
		{
			"aws:principalarn": federated_arn,
			"aws:principalaccount": fuser.a,
			"aws:principaltype": "FederatedUser",
			"aws:userid": concat(":", [fuser.a, sess.name]),
			"aws:multifactorauthpresent": false,
			"aws:tokenissuetime": sess.issued_at,
		},
		account_keys(fuser.a),
	),
}

# A federated session keeps its user's boundary and SCPs.
federated_extra := object.filter(fuser, ["b", "scp"])

# ---------------------------------------------------------------- validity

session_errors contains sprintf("session: no role %v in this bundle", [object.get(sess, "role", null)]) if {
	sess
	not federated
	not user_session
	not srole
}

session_errors contains sprintf("session: the temporary credentials of %v: the principal must be an IAM user or an account root user of this bundle", [object.get(input, "principal", null)]) if {
	user_session
	not user_session_who
}

session_errors contains sprintf("session: a user session has no %s (it has type, mfa, issued_at and expires_at)", [f]) if {
	user_session
	some f in ["role", "name", "policy", "tags"]
	object.get(sess, f, null) != null
}

session_errors contains "session: a user session is not chained" if {
	user_session
	object.get(sess, "chained", false) != false
}

session_errors contains sprintf("session: the source of a federated session must be an IAM user of this bundle, not %v", [object.get(sess, "source", null)]) if {
	federated
	not fuser
}

# The fields a session has; anything else (a misspelled "Policy", say) would
# be silently ignored, so it is an error.
session_fields := {"role", "name", "arn", "source", "mfa", "issued_at", "expires_at", "policy", "chained", "tags", "type"}

session_errors contains sprintf("session: unknown field %q", [k]) if {
	some k, _ in sess
	not k in session_fields
}

session_errors contains "session: policy must be a JSON policy document (an object)" if {
	object.get(sess, "policy", null) != null
	not is_object(sess.policy)
}

session_errors contains "session: chained must be true or false" if {
	object.get(sess, "chained", false) != true
	object.get(sess, "chained", false) != false
}

session_errors contains sprintf("session: type must be absent (a role session), \"federated\" or \"user\", not %v", [sess.type]) if {
	not sess.type in {"federated", "user"}
}

session_errors contains "session: tags must be an object of strings, each key once whatever its case" if {
	object.get(sess, "tags", null) != null
	not session_tags_ok
}

session_tags_ok if {
	is_object(sess.tags)
	every v in sess.tags {
		is_string(v)
	}
	count({lower(k) | some k, _ in sess.tags}) == count(sess.tags)
}

session_errors contains "session: name is missing" if {
	sess
	not user_session
	not session_named
}

session_errors contains sprintf("session: principal %q is neither the session %q nor its source %v", [input.principal, acting_arn, object.get(sess, "source", null)]) if {
	sess
	input.principal
	acting_arn := object.get(who, "arn", "")
	input.principal != acting_arn
	input.principal != object.get(sess, "source", null)
}

session_errors contains sprintf("session: %s is not an RFC 3339 time", [f]) if {
	sess
	some f in ["issued_at", "expires_at"]
	not valid_time(object.get(sess, f, null))
}

session_named if is_string(sess.name)

valid_time(t) if time.parse_rfc3339_ns(t)

session_errors contains sprintf("session: expired at %s", [sess.expires_at]) if {
	now_ns >= time.parse_rfc3339_ns(sess.expires_at)
}

session_errors contains sprintf("session: issued at %s, after the request time", [sess.issued_at]) if {
	now_ns < time.parse_rfc3339_ns(sess.issued_at)
}

session_errors contains sprintf("session: lasts %ds, longer than the %ds this role allows", [span, max]) if {
	span := (time.parse_rfc3339_ns(sess.expires_at) - time.parse_rfc3339_ns(sess.issued_at)) / 1000000000
	max := session_max
	span > max
}

# Role chaining caps a session at one hour (§4.1); GetFederationToken
# sessions last at most 36 hours.
session_max := 129600 if federated
else := 129600 if user_session
else := 3600 if sess.chained == true
else := srole.max

# ---------------------------------------------------------------- session policy

has_session_policy if is_object(sess.policy)

sp_stmts := [lower_stmt(s, i, "session.policy") | some i, s in as_list(sess.policy.Statement)]

sp_set := {i |
	some i, st in sp_stmts
	sp_action(st)
	rok(st)
	cok(st)
}

sp_action(st) if any_pm(st.a, act)

sp_action(st) if {
	st.na
	not any_pm(st.na, act)
}
