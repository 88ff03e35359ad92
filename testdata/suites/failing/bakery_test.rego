package bakery_test

baker := "arn:aws:iam::444455556666:user/baker"

test_baker_bakes if {
	data.iamc.allow with input as {"principal": baker, "action": "oven:Bake", "resource": "arn:aws:oven:::oven/1"}
}

# Fails: the Deny decides.
test_baker_self_cleans if {
	data.iamc.allow with input as {"principal": baker, "action": "oven:SelfClean", "resource": "arn:aws:oven:::oven/1"}
}

todo_test_apprentice_training if {
	false
}
