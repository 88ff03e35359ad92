package till_test

test_clerk_sells if {
	data.iamc.allow with input as {"principal": "arn:aws:iam::111122223333:user/clerk", "action": "till:Sell", "resource": "*"
}
