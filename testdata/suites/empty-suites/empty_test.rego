package empty_test

clerk := "arn:aws:iam::111122223333:user/clerk"
