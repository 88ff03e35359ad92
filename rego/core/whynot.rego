# Why not: the statements that nearly applied to a request. For every
# statement whose Action matches the request's action — in the principal's
# identity policies, permissions boundary and SCP levels, the resource's
# policy (or the role's trust policy) and the session policy — what it
# missed: the resource, the principal (a resource policy's), or a
# condition, with the value the request had for each condition's key; or
# nothing (it applied). It reads the helpers of the decision (layers.rego,
# match.rego, core.rego) and changes no decision.
package iamc.core

import data.iamc.model as m

# _whynot lists the statements, in layer order then by source; none for a
# request that cannot be decided (its errors say why).
_whynot := [r | some [_, _, r] in sort([[_layer_order[r.layer], r.source, r] | some r in _wn_set])] if {
	count(_errors) == 0
} else := []

_wn_set contains _wn_entry(_layer_names[code], m.st[id]) if {
	some [code, ps] in _who.p
	some id in _wn_cands(ps)
}

_wn_set contains _wn_entry("resource", m.st[id]) if {
	some id in _wn_cands(_entry.ps)
}

_wn_set contains _wn_entry("session", st) if {
	some st in _sp_stmts
	_sp_action(st)
}

# The statements of a policy set whose Action matches the request's
# action, whatever their resources: the action's list in the set's exact
# index, else the lists of its wildcard patterns, "*" and NotAction
# statements (as _cands, without narrowing by resource).
_wn_cands(psid) := _wn_ids(m.cl[i]) if {
	i := _xindex(m.psets[psid].xs, _act)
} else := {id | some id in _wn_wild(m.psets[psid])} if {
	_catalog_ok(_svc, _act)
}

_wn_wild(ps) := (_wn_prefixes(ps) | _wn_globs(ps)) | (_wn_star(ps) | _wn_not(ps))

_wn_prefixes(ps) := {id |
	some e in _wild_bucket(ps).p
	startswith(_act, e[0])
	some id in _wn_ids(m.cl[e[1]])
}

_wn_globs(ps) := {id |
	some e in _wild_bucket(ps).g
	glob.match(e[0], null, _act)
	some id in _wn_ids(m.cl[e[1]])
}

_wn_star(ps) := {id | ps.a != null; some id in _wn_ids(m.cl[ps.a])}

_wn_not(ps) := {id |
	ps.n != null
	some id in _wn_ids(m.cl[ps.n])
	not _any_pm(m.st[id].na, _act)
}

# Every statement id of a candidate list, in either of its forms.
_wn_ids(c) := {id | some part in c; some id in part} if is_array(c)

_wn_ids(c) := (_wn_part_ids(c.u) | _wn_keyed(object.get(c, "e", {}))) | _wn_keyed(object.get(c, "p", {})) if {
	is_object(c)
}

_wn_keyed(parts) := {id | some part in parts; some id in _wn_part_ids(part)}

_wn_part_ids(part) := {id | some list in part; some id in list}

# One statement: where it is, and what it missed.
_wn_entry(layer, st) := {
	"layer": layer,
	"policy": st.m[0],
	"statement": st.m[1],
	"effect": st.e,
	"source": st.m[2],
	"missed": _wn_missed(st),
	"resources": [_wn_text(p) | some p in object.get(st, "r", [])],
	"not_resources": [_wn_text(p) | some p in object.get(st, "nr", [])],
	"conditions": [_wn_cond(c) | some c in object.get(st, "c", [])],
}

_wn_missed(st) := "resource" if {
	not _rok(st)
} else := "principal" if {
	st.pr
	not _pmatch(st)
} else := "principal" if {
	st.np
	not _pmatch(st)
} else := "condition" if {
	not _cok(st)
} else := "none"

# A condition, with the value the request had for its key (absent: no
# "value") and whether it holds.
_wn_cond(c) := object.union(_wn_cond_base(c), {"value": v}) if {
	v := _ctxv(c.k)
	v != null
} else := _wn_cond_base(c)

_wn_cond_base(c) := {
	"key": c.kn,
	"op": c.o,
	"negated": object.get(c, "n", false),
	"if_exists": object.get(c, "x", false),
	"set": object.get(c, "q", ""),
	"values": [_wn_value(c.o, v) | some v in c.v],
	"holds": _wn_holds(c),
}

_wn_holds(c) if {
	_cond(c)
} else := false

# A lowered value as a policy writes it: dates from nanoseconds, patterns
# with IAM's wildcards.
_wn_value(o, v) := time.format([v, "UTC", "2006-01-02T15:04:05Z"]) if {
	startswith(o, "d")
	is_number(v)
} else := _wn_text(v) if {
	not is_number(v)
	not is_boolean(v)
} else := sprintf("%v", [v])

# A lowered pattern as a policy writes it.
_wn_text(p) := p if is_string(p)

_wn_text(p) := "*" if p[0] == "*"

_wn_text(p) := p[1] if p[0] == "="

_wn_text(p) := concat("", [p[1], "*"]) if p[0] == "^"

_wn_text(p) := _wn_unglob(p[1]) if p[0] in {"~", ":"}

_wn_text(p) := concat("", [_wn_tpart(p[1], part) | some part in p[2]]) if p[0] == "v"

_wn_tpart(_, part) := sprintf("${%s}", [part.k]) if is_object(part)

_wn_tpart(mode, part) := _wn_unglob(part) if {
	is_string(part)
	mode in {"~", ":"}
}

_wn_tpart(mode, part) := part if {
	is_string(part)
	not mode in {"~", ":"}
}

_wn_unglob(g) := regex.replace(strings.replace_n({"**": "*", "{?,:}": "?"}, g), `\\(.)`, "$1")
