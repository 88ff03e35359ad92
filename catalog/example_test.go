package catalog_test

import (
	"fmt"

	"github.com/iamc/iamc/catalog"
)

func Example() {
	a, _ := catalog.LookupAction("s3:getobject")
	fmt.Println(a.Name, a.AccessLevel)

	typ, ok := catalog.MatchResourceType("s3:ListBucket", "arn:aws:s3:::my-bucket/*")
	fmt.Printf("s3:ListBucket on my-bucket/*: %q %v\n", typ, ok)

	k, _ := catalog.LookupConditionKey("aws:RequestTag/CostCenter")
	fmt.Println(k.Name, k.Type, k.MultiValued())

	s, _ := catalog.SuggestAction("s3:ListBuckets")
	fmt.Println("did you mean", s)

	p, _ := catalog.LookupManagedPolicy("AWSLambdaRole")
	fmt.Println(p.ARN, p.DefaultVersionID)
	// Output:
	// s3:GetObject Read
	// s3:ListBucket on my-bucket/*: "" false
	// aws:RequestTag/${TagKey} String false
	// did you mean s3:ListBucket
	// arn:aws:iam::aws:policy/service-role/AWSLambdaRole v1
}
