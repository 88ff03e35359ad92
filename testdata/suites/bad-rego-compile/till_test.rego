package till_test

test_clerk_sells if {
	data.iamc.allow with input as clerk_sells
}

test_clerk_refunds if {
	not data.iamc.allow with input as object.union(clerk_sells, {"action": "till:Refund"})
}
