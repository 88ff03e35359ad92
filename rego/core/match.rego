# Statement matching: resources, principals and conditions, over the lowered
# statement form that the compiler writes to data.iamc.model.st (and that
# lower.rego builds for session policies passed in the input).
#
# Patterns are strings (an exact value) or arrays [kind, value]:
#   ["*"]            matches everything
#   ["=", s]         equals s (lower.rego writes exact patterns so)
#   ["^", p]         starts with p (a trailing * in the last ARN segment)
#   ["~", g]         glob g, no separators (actions, StringLike)
#   [":", g]         glob g with ':' as separator (ARNs: * and ? stay within
#                    a segment; the resource part uses ** and {?,:})
#   ["v", mode, parts]  a pattern with policy variables, resolved against the
#                    request context; mode is "=", "i" (lower-cased equality),
#                    "~" or ":"; parts are literal strings (already in the
#                    mode's syntax) and {"k": key, "d": default} variables.
#
# Every multi-body function tests its constant in the body (p[0] == "^"),
# where OPA's rule index selects the one body that can match.
package iamc.core

_pm(p, x) if {
	is_string(p)
	p == x
}

_pm(p, _) if p[0] == "*"

_pm(p, x) if {
	p[0] == "="
	p[1] == x
}

_pm(p, x) if {
	p[0] == "^"
	startswith(x, p[1])
}

_pm(p, x) if {
	p[0] == "~"
	glob.match(p[1], null, x)
}

_pm(p, x) if {
	p[0] == ":"
	glob.match(p[1], [":"], x)
}

_pm(p, x) if {
	p[0] == "v"
	_vpm(p[1], p[2], x)
}

_vpm(mode, parts, x) if {
	mode == "="
	_tmpl(parts, false) == x
}

_vpm(mode, parts, x) if {
	mode == "i"
	lower(_tmpl(parts, false)) == x
}

_vpm(mode, parts, x) if {
	mode == "~"
	glob.match(_tmpl(parts, true), null, x)
}

_vpm(mode, parts, x) if {
	mode == ":"
	glob.match(_tmpl(parts, true), [":"], x)
}

_any_pm(list, x) if {
	some p in list
	_pm(p, x)
}

# _tmpl resolves a template; undefined when a variable has no value and no
# default, so that the pattern matches nothing.
_tmpl(parts, quote) := s if {
	strs := [v | some p in parts; v := _tpart(p, quote)]
	count(strs) == count(parts)
	s := concat("", strs)
}

_tpart(p, _) := p if is_string(p)

_tpart(p, quote) := v if {
	is_object(p)
	raw := _tvalue(p)
	v := _tquote(raw, quote)
}

_tvalue(p) := s if {
	s := _scalar_string(_ctxv(p.k))
} else := p.d if {
	is_string(p.d)
}

_tquote(s, quote) := glob.quote_meta(s) if quote

_tquote(s, quote) := s if not quote

_scalar_string(v) := v if is_string(v)

_scalar_string(v) := "true" if v == true

_scalar_string(v) := "false" if v == false

_scalar_string(v) := format_int(v, 10) if {
	is_number(v)
	v == round(v)
}

_scalar_string(v) := sprintf("%v", [v]) if {
	is_number(v)
	v != round(v)
}

# ---------------------------------------------------------------- statements

# A statement of a checked candidate list applies when its Resource or
# NotResource admits the resource and its conditions hold (§2). (A statement
# with neither has nothing to check and is listed as sure by the compiler.)
_applies(st) if {
	_rok(st)
	_cok(st)
}

# _rok: the Resource or NotResource admits the request resource; a statement
# with neither (a trust policy) applies to its own resource.
_rok(st) if {
	not st.r
	not st.nr
}

_rok(st) if {
	some p in st.r
	_pm(p, _res)
}

_rok(st) if {
	st.nr
	not _any_pm(st.nr, _res)
}

_cok(st) if not st.c

_cok(st) if {
	st.c
	every c in st.c {
		_cond(c)
	}
}

# ---------------------------------------------------------------- conditions

_has_key(k) if _ctxv(k) != null

# A plain (single-valued) operator. A key's value is checked against its
# type before any condition reads it (errors.rego), so a plain operator never
# meets a list here.
_cond(c) if {
	not c.q
	not _has_key(c.k)
	_absent_true(c)
}

_cond(c) if {
	not c.q
	c.o != "null"
	v := _ctxv(c.k)
	v != null
	_value_true(c, v)
}

_cond(c) if {
	not c.q
	c.o == "null"
	_has_key(c.k)
	false in c.v
}

# ForAnyValue: at least one request value satisfies the operator; false when
# the key is absent or empty (true with …IfExists when absent).
_cond(c) if {
	c.q == "any"
	some v in _as_array(_ctxv(c.k))
	_value_true(c, v)
}

_cond(c) if {
	c.q == "any"
	not _has_key(c.k)
	c.x
}

# ForAllValues: every request value satisfies the operator; true when the key
# is absent or the set is empty.
_cond(c) if {
	c.q == "all"
	not _has_key(c.k)
}

_cond(c) if {
	c.q == "all"
	vals := _as_array(_ctxv(c.k))
	every v in vals {
		_value_true(c, v)
	}
}

_absent_true(c) if c.x

_absent_true(c) if {
	c.o == "null"
	true in c.v
}

_absent_true(c) if {
	c.n
	c.o != "null"
}

_as_array(v) := v if is_array(v)

_as_array(v) := [v] if {
	v != null
	not is_array(v)
}

# _value_true: positive operators hold if the value matches any policy value
# (OR); negated operators if it matches none (NOR).
_value_true(c, v) if {
	not c.n
	some pv in c.v
	_op(c.o, pv, v)
}

_value_true(c, v) if {
	c.n
	not _op_any(c, v)
}

_op_any(c, v) if {
	some pv in c.v
	_op(c.o, pv, v)
}

_op(o, pv, v) if {
	o == "s"
	_pm(pv, _scalar_string(v))
}

_op(o, pv, v) if {
	o == "si"
	_pm(pv, lower(_scalar_string(v)))
}

_op(o, pv, v) if {
	o == "sl"
	_pm(pv, _scalar_string(v))
}

_op(o, pv, v) if {
	o == "arn"
	_pm(pv, _scalar_string(v))
}

_op(o, pv, v) if {
	o == "b"
	_pm(pv, lower(_scalar_string(v)))
}

_op(o, pv, v) if {
	o == "bin"
	pv == v
}

_op(o, pv, v) if {
	o == "ip"
	net.cidr_contains(pv, v)
}

_op(o, pv, v) if {
	o == "n="
	to_number(v) == pv
}

_op(o, pv, v) if {
	o == "n<"
	to_number(v) < pv
}

_op(o, pv, v) if {
	o == "n<="
	to_number(v) <= pv
}

_op(o, pv, v) if {
	o == "n>"
	to_number(v) > pv
}

_op(o, pv, v) if {
	o == "n>="
	to_number(v) >= pv
}

_op(o, pv, v) if {
	o == "d="
	_date_ns(v) == pv
}

_op(o, pv, v) if {
	o == "d<"
	_date_ns(v) < pv
}

_op(o, pv, v) if {
	o == "d<="
	_date_ns(v) <= pv
}

_op(o, pv, v) if {
	o == "d>"
	_date_ns(v) > pv
}

_op(o, pv, v) if {
	o == "d>="
	_date_ns(v) >= pv
}

# _date_ns reads a request date: an ISO 8601 date-time, a date, or epoch
# seconds (as a number or a string of digits).
_date_ns(v) := v * 1000000000 if is_number(v)

_date_ns(v) := ns if {
	is_string(v)
	ns := _parse_date(v)
}

_parse_date(s) := ns if {
	regex.match(`^\d{4}-\d{2}-\d{2}T`, s)
	ns := _date_time_ns(s)
}

_parse_date(s) := time.parse_ns("2006-01-02", s) if regex.match(`^\d{4}-\d{2}-\d{2}$`, s)

_parse_date(s) := to_number(s) * 1000000000 if regex.match(`^-?\d+(\.\d+)?$`, s)

# The W3C date-time forms AWS accepts (as the compiler parses policy dates).
_date_time_ns(s) := time.parse_rfc3339_ns(s) if {
	time.parse_rfc3339_ns(s)
} else := time.parse_ns("2006-01-02T15:04:05Z0700", s) if {
	time.parse_ns("2006-01-02T15:04:05Z0700", s)
} else := time.parse_ns("2006-01-02T15:04Z07:00", s) if {
	time.parse_ns("2006-01-02T15:04Z07:00", s)
} else := time.parse_ns("2006-01-02T15:04:05", s)
