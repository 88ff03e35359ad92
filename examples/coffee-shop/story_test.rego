# The same story, tested in Rego against the bundle's entrypoints, as an OPA
# sidecar answers them: data.iamc.decision, data.iamc.allow and
# data.iamc.assume. Run with: iamc test examples/coffee-shop
package coffee_shop_test

employee := "arn:aws:iam::111122223333:user/staff/employee"

cashier := "arn:aws:iam::111122223333:role/shop/Cashier"

till := "arn:aws:register:::till/1"

test_staff_read_the_menu if {
	data.iamc.allow with input as {"principal": employee, "action": "menu:ViewMenu", "resource": "arn:aws:menu:::board/main"}
}

test_the_employee_alone_cannot_sell if {
	not data.iamc.allow with input as {"principal": employee, "action": "register:Sell", "resource": till}
}

# Assume the Cashier with MFA (a one-hour session), then refund from the
# session half an hour later: the guardrail Deny decides, and the decision
# says where it is written. The time of each call is set the way OPA tests
# set a clock: by replacing time.now_ns.
test_the_cashier_cannot_refund if {
	nine := time.parse_rfc3339_ns("2026-11-26T09:00:00Z")
	half_past := time.parse_rfc3339_ns("2026-11-26T09:30:00Z")
	a := data.iamc.assume with input as {"principal": employee, "role": cashier, "mfa": true}
		with time.now_ns as nine
	a.allowed
	d := data.iamc.decision with input as {
		"principal": employee, "action": "register:Refund", "resource": till,
		"session": a.session,
	}
		with time.now_ns as half_past
	d.decision == "explicit_deny"
	d.reasons[0].policy == "policy.guardrails"
	d.reasons[0].statement == "NoRefunds"
	d.reasons[0].source == "policies.hcl:32:3"
}

test_no_mfa_no_cashier if {
	a := data.iamc.assume with input as {"principal": employee, "role": cashier}
	not a.allowed
	a.decision.missing_context == ["aws:MultiFactorAuthPresent"]
}
