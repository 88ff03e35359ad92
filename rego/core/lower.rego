# Lowering of AWS JSON policy statements passed in the input (session
# policies) into the form of match.rego. The compiler does the same for the
# policies of the project at build time; a test keeps the two in step.
# Policy variables are not resolved in session policies.
package iamc.core

_as_list(x) := x if is_array(x)

_as_list(x) := [x] if not is_array(x)

_lower_stmt(s, i, policy) := object.union_n([
	{"e": s.Effect, "m": [policy, _sid_of(s, i), "input"]},
	_lower_actions(s),
	_lower_resources(s),
	_lower_conditions(s),
])

_sid_of(s, i) := s.Sid if {
	is_string(s.Sid)
} else := sprintf("[%d]", [i])

_lower_actions(s) := {"a": [_action_pattern(a) | some a in _as_list(s.Action)]} if s.Action

_lower_actions(s) := {"na": [_action_pattern(a) | some a in _as_list(s.NotAction)]} if s.NotAction

_lower_resources(s) := {"r": [_resource_pattern(r) | some r in _as_list(s.Resource)]} if s.Resource

_lower_resources(s) := {"nr": [_resource_pattern(r) | some r in _as_list(s.NotResource)]} if s.NotResource

_lower_resources(s) := {} if {
	not s.Resource
	not s.NotResource
}

_lower_conditions(s) := {"c": [_lower_cond(op, k, v) | some op, kv in s.Condition; some k, v in kv]} if {
	is_object(s.Condition)
} else := {}

_has_wildcard(s) if contains(s, "*")

_has_wildcard(s) if contains(s, "?")

_action_pattern(a) := ["*"] if a == "*"

_action_pattern(a) := ["=", lower(a)] if {
	a != "*"
	not _has_wildcard(a)
}

_action_pattern(a) := ["~", _glob_of(lower(a), "*", "?")] if {
	a != "*"
	_has_wildcard(a)
}

# glob_of quotes the glob metacharacters of an IAM pattern, then turns its *
# and ? back into the given wildcards.
_glob_of(s, star, one) := replace(replace(glob.quote_meta(s), `\*`, star), `\?`, one)

_resource_pattern(r) := ["*"] if r == "*"

_resource_pattern(r) := ["=", r] if {
	r != "*"
	not _has_wildcard(r)
}

_resource_pattern(r) := [":", _arn_glob(r)] if {
	r != "*"
	_has_wildcard(r)
}

# arn_glob: * and ? stay within one of the first five segments; in the
# resource part they also span ':' and '/'.
_arn_glob(r) := g if {
	parts := split(r, ":")
	count(parts) >= 6
	head := [_glob_of(p, "*", "?") | some p in array.slice(parts, 0, 5)]
	tail := _glob_of(concat(":", array.slice(parts, 5, count(parts))), "**", "{?,:}")
	g := concat(":", array.concat(head, [tail]))
} else := _glob_of(r, "*", "?")

# ---------------------------------------------------------------- conditions

# Condition operators: base name (lower case) to [code, negated].
_operators := {
	"stringequals": ["s", false],
	"stringnotequals": ["s", true],
	"stringequalsignorecase": ["si", false],
	"stringnotequalsignorecase": ["si", true],
	"stringlike": ["sl", false],
	"stringnotlike": ["sl", true],
	"numericequals": ["n=", false],
	"numericnotequals": ["n=", true],
	"numericlessthan": ["n<", false],
	"numericlessthanequals": ["n<=", false],
	"numericgreaterthan": ["n>", false],
	"numericgreaterthanequals": ["n>=", false],
	"dateequals": ["d=", false],
	"datenotequals": ["d=", true],
	"datelessthan": ["d<", false],
	"datelessthanequals": ["d<=", false],
	"dategreaterthan": ["d>", false],
	"dategreaterthanequals": ["d>=", false],
	"bool": ["b", false],
	"binaryequals": ["bin", false],
	"ipaddress": ["ip", false],
	"notipaddress": ["ip", true],
	"arnequals": ["arn", false],
	"arnlike": ["arn", false],
	"arnnotequals": ["arn", true],
	"arnnotlike": ["arn", true],
	"null": ["null", false],
}

# parse_op splits "ForAnyValue:StringLikeIfExists" into its set operator,
# base operator and IfExists flag.
_parse_op(op) := [q, base, x] if {
	l := lower(op)
	q := _set_op(l)
	rest := trim_prefix(trim_prefix(l, "foranyvalue:"), "forallvalues:")
	x := endswith(rest, "ifexists")
	base := trim_suffix(rest, "ifexists")
}

_set_op(l) := "any" if {
	startswith(l, "foranyvalue:")
} else := "all" if {
	startswith(l, "forallvalues:")
} else := ""

_lower_cond(op, k, v) := c if {
	[q, base, x] := _parse_op(op)
	[code, neg] := _operators[base]
	vals := [_cond_value(code, pv) | some pv in _as_list(v)]
	c := object.union_n([
		{"o": code, "k": lower(k), "kn": k, "v": vals},
		{"n": true | neg},
		{"x": true | x},
		{"q": q | q != ""},
	])
}

_cond_value(code, v) := ["=", _scalar_string(v)] if code == "s"

_cond_value(code, v) := ["=", lower(_scalar_string(v))] if code == "si"

_cond_value(code, v) := ["=", lower(_scalar_string(v))] if code == "b"

_cond_value(code, v) := p if {
	code == "sl"
	s := _scalar_string(v)
	p := _like_pattern(s)
}

_cond_value(code, v) := _resource_pattern(_scalar_string(v)) if code == "arn"

_cond_value(code, v) := v if code == "bin"

_cond_value(code, v) := v if {
	code == "ip"
	contains(v, "/")
}

_cond_value(code, v) := concat("", [v, "/128"]) if {
	code == "ip"
	not contains(v, "/")
	contains(v, ":")
}

_cond_value(code, v) := concat("", [v, "/32"]) if {
	code == "ip"
	not contains(v, "/")
	not contains(v, ":")
}

_cond_value(code, v) := to_number(v) if {
	startswith(code, "n")
	code != "null"
}

_cond_value(code, v) := _date_ns(v) if startswith(code, "d")

_cond_value(code, v) := lower(_scalar_string(v)) == "true" if code == "null"

_like_pattern(s) := ["=", s] if not _has_wildcard(s)

_like_pattern(s) := ["~", _glob_of(s, "*", "?")] if _has_wildcard(s)

# A session policy passed in the input is checked as the compiler checks
# policies (§7): anything it cannot lower exactly is an error, never a
# statement that silently matches more or less.
_sp_statements := _as_list(_sess.policy.Statement)

_lowering_errors contains "session policy: Statement is missing" if {
	_has_session_policy
	not _sess.policy.Statement
}

_lowering_errors contains sprintf("session policy: unknown element %q", [k]) if {
	some k, _ in _sess.policy
	not k in {"Version", "Id", "Statement"}
}

_lowering_errors contains sprintf("session policy: Version must be \"2012-10-17\" or \"2008-10-17\", not %v", [_sess.policy.Version]) if {
	not _sess.policy.Version in {"2012-10-17", "2008-10-17"}
}

_lowering_errors contains "session policy: each statement is an object" if {
	some s in _sp_statements
	not is_object(s)
}

_lowering_errors contains sprintf("session policy: unknown statement element %q", [k]) if {
	some s in _sp_statements
	some k, _ in s
	not k in {"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"}
}

_lowering_errors contains "session policy: a statement needs Effect Allow or Deny" if {
	some s in _sp_statements
	not s.Effect in {"Allow", "Deny"}
}

_lowering_errors contains "session policy: a statement needs exactly one of Action and NotAction" if {
	some s in _sp_statements
	count([1 | s.Action]) + count([1 | s.NotAction]) != 1
}

_lowering_errors contains "session policy: a statement needs exactly one of Resource and NotResource" if {
	some s in _sp_statements
	count([1 | s.Resource]) + count([1 | s.NotResource]) != 1
}

_lowering_errors contains sprintf("session policy: %v is not an action (\"service:Action\" or \"*\")", [a]) if {
	some s in _sp_statements
	some f in ["Action", "NotAction"]
	some a in _as_list(object.get(s, f, []))
	not _valid_policy_action(a)
}

_valid_policy_action(a) if a == "*"

_valid_policy_action(a) if regex.match(`^[A-Za-z0-9-]+:[A-Za-z0-9_.*?-]+$`, a)

_lowering_errors contains sprintf("session policy: %v is not a resource (an ARN or \"*\")", [r]) if {
	some s in _sp_statements
	some f in ["Resource", "NotResource"]
	some r in _as_list(object.get(s, f, []))
	not _valid_policy_resource(r)
}

_valid_policy_resource(r) if r == "*"

_valid_policy_resource(r) if {
	is_string(r)
	count(split(r, ":")) >= 6
	startswith(r, "arn:")
}

_lowering_errors contains "session policy: Condition must be an object of operators, each an object of condition keys" if {
	some s in _sp_statements
	s.Condition
	not _condition_shape_ok(s.Condition)
}

_condition_shape_ok(c) if {
	is_object(c)
	every _, kv in c {
		is_object(kv)
	}
}

_lowering_errors contains sprintf("session policy: unknown condition operator %q", [op]) if {
	some s in _sp_statements
	some op, _ in s.Condition
	[_, base, _] := _parse_op(op)
	not _operators[base]
}

_lowering_errors contains sprintf("session policy: %s %s has a value that is not valid for the operator", [op, k]) if {
	some s in _sp_statements
	some op, kv in s.Condition
	[_, base, _] := _parse_op(op)
	[code, _] := _operators[base]
	some k, v in kv
	some pv in _as_list(v)
	not _valid_cond_value(code, pv)
}

_valid_cond_value(code, v) if {
	code in {"null", "b"}
	lower(_scalar_string(v)) in {"true", "false"}
}

_valid_cond_value(code, v) if {
	code == "ip"
	net.cidr_is_valid(_cond_value("ip", v))
}

_valid_cond_value(code, v) if {
	not code in {"null", "b", "ip"}
	_cond_value(code, v)
}
