# Statement matching: actions, resources, principals and conditions, over the
# lowered statement form that the compiler writes to data.iamc.model.st (and
# that session.rego builds for session policies passed in the input).
#
# Patterns are strings (an exact value) or arrays [kind, value]:
#   ["*"]            matches everything
#   ["=", s]         equals s
#   ["^", p]         starts with p (a trailing * in the last ARN segment)
#   ["~", g]         glob g, no separators (actions, StringLike)
#   [":", g]         glob g with ':' as separator (ARNs: * and ? stay within
#                    a segment; the resource part uses ** and {?,:})
#   ["v", mode, parts]  a pattern with policy variables, resolved against the
#                    request context; mode is "=", "i" (lower-cased equality),
#                    "~" or ":"; parts are literal strings (already in the
#                    mode's syntax) and {"k": key, "d": default} variables.
package iamc.core

# A bare string is an exact pattern (the compiler writes ["=", s] so).
pm(s, x) if {
	is_string(s)
	s == x
}

pm(["*"], _) := true

pm(["=", v], x) if v == x

pm(["^", v], x) if startswith(x, v)

pm(["~", g], x) if glob.match(g, null, x)

pm([":", g], x) if glob.match(g, [":"], x)

pm(["v", "=", parts], x) if tmpl(parts, false) == x

pm(["v", "i", parts], x) if lower(tmpl(parts, false)) == x

pm(["v", "~", parts], x) if glob.match(tmpl(parts, true), null, x)

pm(["v", ":", parts], x) if glob.match(tmpl(parts, true), [":"], x)

any_pm(list, x) if {
	some p in list
	pm(p, x)
}

# tmpl resolves a template; undefined when a variable has no value and no
# default, so that the pattern matches nothing.
tmpl(parts, quote) := s if {
	strs := [v | some p in parts; v := tpart(p, quote)]
	count(strs) == count(parts)
	s := concat("", strs)
}

tpart(p, _) := p if is_string(p)

tpart(p, quote) := v if {
	is_object(p)
	raw := tvalue(p)
	v := tquote(raw, quote)
}

tvalue(p) := s if {
	s := scalar_string(ctxv(p.k))
} else := p.d if {
	is_string(p.d)
}

tquote(s, true) := glob.quote_meta(s)

tquote(s, false) := s

scalar_string(v) := v if is_string(v)

scalar_string(v) := "true" if v == true

scalar_string(v) := "false" if v == false

scalar_string(v) := format_int(v, 10) if {
	is_number(v)
	v == round(v)
}

scalar_string(v) := sprintf("%v", [v]) if {
	is_number(v)
	v != round(v)
}

# ---------------------------------------------------------------- resources

# rok: the statement's Resource or NotResource admits the request resource. A
# statement with neither (a trust policy) applies to its own resource.
rok(st) if {
	not st.r
	not st.nr
}

rok(st) if {
	some p in st.r
	pm(p, res)
}

rok(st) if {
	st.nr
	not any_pm(st.nr, res)
}

# ---------------------------------------------------------------- conditions

cok(st) if not st.c

cok(st) if {
	st.c
	every c in st.c {
		cond(c)
	}
}

has_key(k) if ctxv(k) != null

# A plain (single-valued) operator.
cond(c) if {
	not c.q
	not has_key(c.k)
	absent_true(c)
}

cond(c) if {
	not c.q
	c.o != "null"
	v := ctxv(c.k)
	v != null
	not is_array(v)
	value_true(c, v)
}

cond(c) if {
	not c.q
	c.o == "null"
	has_key(c.k)
	false in c.v
}

# ForAnyValue: at least one request value satisfies the operator; false when
# the key is absent or empty (true with …IfExists when absent).
cond(c) if {
	c.q == "any"
	vals := as_array(ctxv(c.k))
	some v in vals
	value_true(c, v)
}

cond(c) if {
	c.q == "any"
	not has_key(c.k)
	c.x
}

# ForAllValues: every request value satisfies the operator; true when the key
# is absent or the set is empty.
cond(c) if {
	c.q == "all"
	not has_key(c.k)
}

cond(c) if {
	c.q == "all"
	vals := as_array(ctxv(c.k))
	every v in vals {
		value_true(c, v)
	}
}

absent_true(c) if c.x

absent_true(c) if {
	c.o == "null"
	true in c.v
}

absent_true(c) if {
	c.n
	c.o != "null"
}

as_array(v) := v if is_array(v)

as_array(v) := [v] if {
	v != null
	not is_array(v)
}

# value_true: positive operators hold if the value matches any policy value
# (OR); negated operators if it matches none (NOR).
value_true(c, v) if {
	not c.n
	some pv in c.v
	op(c.o, pv, v)
}

value_true(c, v) if {
	c.n
	not op_any(c, v)
}

op_any(c, v) if {
	some pv in c.v
	op(c.o, pv, v)
}

op("s", pv, v) if pm(pv, scalar_string(v))

op("si", pv, v) if pm(pv, lower(scalar_string(v)))

op("sl", pv, v) if pm(pv, scalar_string(v))

op("arn", pv, v) if pm(pv, scalar_string(v))

op("b", pv, v) if pm(pv, lower(scalar_string(v)))

op("bin", pv, v) if pv == v

op("ip", pv, v) if net.cidr_contains(pv, v)

op("n=", pv, v) if to_number(v) == pv

op("n<", pv, v) if to_number(v) < pv

op("n<=", pv, v) if to_number(v) <= pv

op("n>", pv, v) if to_number(v) > pv

op("n>=", pv, v) if to_number(v) >= pv

op("d=", pv, v) if date_ns(v) == pv

op("d<", pv, v) if date_ns(v) < pv

op("d<=", pv, v) if date_ns(v) <= pv

op("d>", pv, v) if date_ns(v) > pv

op("d>=", pv, v) if date_ns(v) >= pv

# date_ns reads a request date: an ISO 8601 date-time, a date, or epoch
# seconds (as a number or a string of digits).
date_ns(v) := v * 1000000000 if is_number(v)

date_ns(v) := ns if {
	is_string(v)
	ns := parse_date(v)
}

parse_date(s) := ns if {
	regex.match(`^\d{4}-\d{2}-\d{2}T`, s)
	ns := date_time_ns(s)
}

# The W3C date-time forms AWS accepts (as the compiler parses policy dates).
date_time_ns(s) := time.parse_rfc3339_ns(s) if {
	time.parse_rfc3339_ns(s)
} else := time.parse_ns("2006-01-02T15:04:05Z0700", s) if {
	time.parse_ns("2006-01-02T15:04:05Z0700", s)
} else := time.parse_ns("2006-01-02T15:04Z07:00", s) if {
	time.parse_ns("2006-01-02T15:04Z07:00", s)
} else := time.parse_ns("2006-01-02T15:04:05", s)

parse_date(s) := time.parse_ns("2006-01-02", s) if regex.match(`^\d{4}-\d{2}-\d{2}$`, s)

parse_date(s) := to_number(s) * 1000000000 if regex.match(`^-?\d+(\.\d+)?$`, s)
