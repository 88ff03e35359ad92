# Lowering of AWS JSON policy statements passed in the input (session
# policies) into the form of match.rego. The compiler does the same for the
# policies of the project at build time; a test keeps the two in step.
# Policy variables are not resolved in session policies.
package iamc.core

as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

lower_stmt(s, i, policy) := object.union_n([
	{"e": s.Effect, "m": concat("\t", [policy, sid_of(s, i), "input"])},
	lower_actions(s),
	lower_resources(s),
	lower_conditions(s),
])

sid_of(s, i) := s.Sid if {
	is_string(s.Sid)
} else := sprintf("[%d]", [i])

lower_actions(s) := {"a": [action_pattern(a) | some a in as_list(s.Action)]} if s.Action

lower_actions(s) := {"na": [action_pattern(a) | some a in as_list(s.NotAction)]} if s.NotAction

lower_resources(s) := {"r": [resource_pattern(r) | some r in as_list(s.Resource)]} if s.Resource

lower_resources(s) := {"nr": [resource_pattern(r) | some r in as_list(s.NotResource)]} if s.NotResource

lower_resources(s) := {} if {
	not s.Resource
	not s.NotResource
}

lower_conditions(s) := {"c": [lower_cond(op, k, v) | some op, kv in s.Condition; some k, v in kv]} if {
	is_object(s.Condition)
} else := {}

has_wildcard(s) if contains(s, "*")

has_wildcard(s) if contains(s, "?")

action_pattern("*") := ["*"]

action_pattern(a) := ["=", lower(a)] if {
	a != "*"
	not has_wildcard(a)
}

action_pattern(a) := ["~", glob_of(lower(a), "*", "?")] if {
	a != "*"
	has_wildcard(a)
}

# glob_of quotes the glob metacharacters of an IAM pattern, then turns its *
# and ? back into the given wildcards.
glob_of(s, star, one) := replace(replace(glob.quote_meta(s), `\*`, star), `\?`, one)

resource_pattern("*") := ["*"]

resource_pattern(r) := ["=", r] if {
	r != "*"
	not has_wildcard(r)
}

resource_pattern(r) := [":", arn_glob(r)] if {
	r != "*"
	has_wildcard(r)
}

# arn_glob: * and ? stay within one of the first five segments; in the
# resource part they also span ':' and '/'.
arn_glob(r) := g if {
	parts := split(r, ":")
	count(parts) >= 6
	head := [glob_of(p, "*", "?") | some p in array.slice(parts, 0, 5)]
	tail := glob_of(concat(":", array.slice(parts, 5, count(parts))), "**", "{?,:}")
	g := concat(":", array.concat(head, [tail]))
} else := glob_of(r, "*", "?")

# ---------------------------------------------------------------- conditions

# Condition operators: base name (lower case) to [code, negated].
operators := {
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
parse_op(op) := [q, base, x] if {
	l := lower(op)
	q := set_op(l)
	rest := trim_prefix(trim_prefix(l, "foranyvalue:"), "forallvalues:")
	x := endswith(rest, "ifexists")
	base := trim_suffix(rest, "ifexists")
}

set_op(l) := "any" if startswith(l, "foranyvalue:")
else := "all" if startswith(l, "forallvalues:")
else := ""

lower_cond(op, k, v) := c if {
	[q, base, x] := parse_op(op)
	[code, neg] := operators[base]
	vals := [cond_value(code, pv) | some pv in as_list(v)]
	c := object.union_n([
		{"o": code, "k": lower(k), "kn": k, "v": vals},
		{"n": true | neg},
		{"x": true | x},
		{"q": q | q != ""},
	])
}

cond_value(code, v) := ["=", scalar_string(v)] if code == "s"

cond_value("si", v) := ["=", lower(scalar_string(v))]

cond_value("b", v) := ["=", lower(scalar_string(v))]

cond_value("sl", v) := p if {
	s := scalar_string(v)
	p := like_pattern(s)
}

cond_value("arn", v) := resource_pattern(scalar_string(v))

cond_value("bin", v) := v

cond_value("ip", v) := v if contains(v, "/")

cond_value("ip", v) := concat("", [v, "/128"]) if {
	not contains(v, "/")
	contains(v, ":")
}

cond_value("ip", v) := concat("", [v, "/32"]) if {
	not contains(v, "/")
	not contains(v, ":")
}

cond_value(code, v) := to_number(v) if {
	startswith(code, "n")
	code != "null"
}

cond_value(code, v) := date_ns(v) if startswith(code, "d")

cond_value("null", v) := lower(scalar_string(v)) == "true"

like_pattern(s) := ["=", s] if not has_wildcard(s)

like_pattern(s) := ["~", glob_of(s, "*", "?")] if has_wildcard(s)

# A session policy passed in the input is checked as the compiler checks
# policies (§7): anything it cannot lower exactly is an error, never a
# statement that silently matches more or less.
sp_statements := as_list(sess.policy.Statement)

lowering_errors contains "session policy: Statement is missing" if {
	has_session_policy
	not sess.policy.Statement
}

lowering_errors contains sprintf("session policy: unknown element %q", [k]) if {
	some k, _ in sess.policy
	not k in {"Version", "Id", "Statement"}
}

lowering_errors contains sprintf("session policy: Version must be \"2012-10-17\" or \"2008-10-17\", not %v", [sess.policy.Version]) if {
	not sess.policy.Version in {"2012-10-17", "2008-10-17"}
}

lowering_errors contains "session policy: each statement is an object" if {
	some s in sp_statements
	not is_object(s)
}

lowering_errors contains sprintf("session policy: unknown statement element %q", [k]) if {
	some s in sp_statements
	some k, _ in s
	not k in {"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"}
}

lowering_errors contains "session policy: a statement needs Effect Allow or Deny" if {
	some s in sp_statements
	not s.Effect in {"Allow", "Deny"}
}

lowering_errors contains "session policy: a statement needs exactly one of Action and NotAction" if {
	some s in sp_statements
	count([1 | s.Action]) + count([1 | s.NotAction]) != 1
}

lowering_errors contains "session policy: a statement needs exactly one of Resource and NotResource" if {
	some s in sp_statements
	count([1 | s.Resource]) + count([1 | s.NotResource]) != 1
}

lowering_errors contains sprintf("session policy: %v is not an action (\"service:Action\" or \"*\")", [a]) if {
	some s in sp_statements
	some f in ["Action", "NotAction"]
	some a in as_list(object.get(s, f, []))
	not valid_policy_action(a)
}

valid_policy_action("*")

valid_policy_action(a) if regex.match(`^[A-Za-z0-9-]+:[A-Za-z0-9_.*?-]+$`, a)

lowering_errors contains sprintf("session policy: %v is not a resource (an ARN or \"*\")", [r]) if {
	some s in sp_statements
	some f in ["Resource", "NotResource"]
	some r in as_list(object.get(s, f, []))
	not valid_policy_resource(r)
}

valid_policy_resource("*")

valid_policy_resource(r) if {
	is_string(r)
	count(split(r, ":")) >= 6
	startswith(r, "arn:")
}

lowering_errors contains "session policy: Condition must be an object of operators, each an object of condition keys" if {
	some s in sp_statements
	s.Condition
	not condition_shape_ok(s.Condition)
}

condition_shape_ok(c) if {
	is_object(c)
	every _, kv in c {
		is_object(kv)
	}
}

lowering_errors contains sprintf("session policy: unknown condition operator %q", [op]) if {
	some s in sp_statements
	some op, _ in s.Condition
	[_, base, _] := parse_op(op)
	not operators[base]
}

lowering_errors contains sprintf("session policy: %s %s has a value that is not valid for the operator", [op, k]) if {
	some s in sp_statements
	some op, kv in s.Condition
	[_, base, _] := parse_op(op)
	[code, _] := operators[base]
	some k, v in kv
	some pv in as_list(v)
	not valid_cond_value(code, pv)
}

valid_cond_value("null", v) if lower(scalar_string(v)) in {"true", "false"}

valid_cond_value("b", v) if lower(scalar_string(v)) in {"true", "false"}

valid_cond_value("ip", v) if net.cidr_is_valid(cond_value("ip", v))

valid_cond_value(code, v) if {
	not code in {"null", "b", "ip"}
	cond_value(code, v)
}
