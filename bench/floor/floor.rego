# A hand-written decision for the coffee shop's IAM users, as short as OPA
# allows: identity policies (a user's own and its groups'), explicit deny,
# conditions, and the statements that decided. It is the floor iamc's
# generated bundle is measured against (floor_test.go); it knows only this
# project and only users.
package floor

# The statements of each user's identity policies.
principals := {
	"arn:aws:iam::111122223333:user/owner": ["RunTheShop"],
	"arn:aws:iam::111122223333:user/staff/employee": ["ReadMenu"],
	"arn:aws:iam::111122223333:user/staff/newbie": [],
}

statements := {
	"RunTheShop": {
		"effect": "Allow", "policy": "policy.owner", "source": "owner.json:4:5",
		"actions": ["register:*", "inventory:*", "menu:*"], "resources": ["*"],
	},
	"ReadMenu": {
		"effect": "Allow", "policy": "policy.staff", "source": "policies.hcl:23:3",
		"actions": ["menu:viewmenu"], "resources": ["*"],
	},
}

action := lower(input.action)

applies(s) if {
	some a in s.actions
	glob.match(a, [], action)
	some r in s.resources
	glob.match(r, [], input.resource)

	# Conditions (IpAddress on a key of the context; the coffee shop's
	# statements have none).
	every c in object.get(s, "conditions", []) {
		net.cidr_contains(c.cidr, input.context[c.key])
	}
}

matching contains [id, s] if {
	some id in principals[input.principal]
	s := statements[id]
	applies(s)
}

reason(id, s) := {"layer": "identity", "policy": s.policy, "statement": id, "effect": s.effect, "source": s.source}

denies := [reason(id, s) | some [id, s] in matching; s.effect == "Deny"]

allows := [reason(id, s) | some [id, s] in matching; s.effect == "Allow"]

decision := {"allowed": false, "decision": "explicit_deny", "reasons": denies} if {
	count(denies) > 0
} else := {"allowed": true, "decision": "allow", "reasons": allows} if {
	count(allows) > 0
} else := {"allowed": false, "decision": "implicit_deny", "reasons": []}
