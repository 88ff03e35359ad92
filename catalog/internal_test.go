package catalog

import (
	"bytes"
	"compress/gzip"
	"errors"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamc/iamc/catalog/internal/wire"
)

// The committed files are in the canonical form the generator writes:
// decoding and encoding them again gives the same bytes, and their lists
// are in the order the lookups rely on.
func TestEmbeddedFilesAreCanonical(t *testing.T) {
	t.Parallel()
	raw, err := data.ReadFile("data/" + wire.IAMFile)
	require.NoError(t, err)
	c, err := wire.DecodeIAM(raw)
	require.NoError(t, err)
	again, err := wire.EncodeIAM(c)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(raw, again), "%s is not in canonical form", wire.IAMFile)

	assert.True(t, sort.SliceIsSorted(c.Services, func(i, j int) bool { return c.Services[i].Prefix < c.Services[j].Prefix }))
	for _, s := range c.Services {
		assert.True(t, sort.SliceIsSorted(s.Actions, func(i, j int) bool {
			return strings.ToLower(s.Actions[i].Name) < strings.ToLower(s.Actions[j].Name)
		}), s.Prefix)
		assert.True(t, sort.SliceIsSorted(s.ResourceTypes, func(i, j int) bool { return s.ResourceTypes[i].Name < s.ResourceTypes[j].Name }), s.Prefix)
		for _, a := range s.Actions {
			assert.True(t, strings.HasPrefix(a.Name, s.Prefix+":"), a.Name)
			assert.Contains(t, []string{"List", "Read", "Write", "Tagging", "Permissions management"}, a.Level, a.Name)
		}
	}

	raw, err = data.ReadFile("data/" + wire.ManagedFile)
	require.NoError(t, err)
	m, err := wire.DecodeManaged(raw)
	require.NoError(t, err)
	again, err = wire.EncodeManaged(m)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(raw, again), "%s is not in canonical form", wire.ManagedFile)
}

// A catalog that cannot be decoded answers "not found" everywhere, and Err
// says why.
func TestUndecodableDataFailsClosed(t *testing.T) {
	saved := loaded
	defer func() { loaded = saved }()
	broken := errors.New("corrupted")
	loaded = &store{
		iam:     func() (*iamIndex, error) { return nil, broken },
		managed: func() (*managedIndex, error) { return nil, broken },
	}
	assert.ErrorIs(t, Err(), broken)
	_, ok := LookupAction("s3:GetObject")
	assert.False(t, ok)
	_, ok = LookupService("s3")
	assert.False(t, ok)
	assert.Empty(t, ExpandAction("*"))
	assert.Empty(t, ExpandAction("s3:*"))
	_, ok = SuggestAction("s3:GetObjct")
	assert.False(t, ok)
	_, ok = LookupConditionKey("aws:SourceIp")
	assert.False(t, ok)
	_, ok = MatchResourceType("s3:GetObject", "*")
	assert.False(t, ok)
	_, ok = LookupManagedPolicy("ReadOnlyAccess")
	assert.False(t, ok)
	_, ok = SuggestManagedPolicy("ReadOnlyAcess")
	assert.False(t, ok)
	assert.Empty(t, Services())
	assert.Empty(t, RCPServices())
	assert.Empty(t, ManagedPolicies())
	assert.Empty(t, GlobalConditionKeys())
}

// Many goroutines take the first use of a fresh store at once: each file is
// decoded once and all of them see the same index. Run with -race.
func TestConcurrentFirstUse(t *testing.T) {
	t.Parallel()
	s := newStore()
	const n = 8
	iams := make([]*iamIndex, n)
	manageds := make([]*managedIndex, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			iams[i], err = s.iam()
			assert.NoError(t, err)
			manageds[i], err = s.managed()
			assert.NoError(t, err)
			_ = iams[i].allActions()
		}()
	}
	wg.Wait()
	for i := 1; i < n; i++ {
		assert.Same(t, iams[0], iams[i])
		assert.Same(t, manageds[0], manageds[i])
	}
}

// The public functions, including the parts compiled on first use (ARN
// formats, the list of all actions), are safe for concurrent use. Run with
// -race.
func TestConcurrentLookups(t *testing.T) {
	t.Parallel()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				a, ok := LookupAction("s3:GetObject")
				assert.True(t, ok)
				assert.Equal(t, Read, a.AccessLevel)
				assert.NotEmpty(t, ExpandAction("s3:Get*"))
				if i%2 == 0 {
					assert.Greater(t, len(ExpandAction("*")), 1000)
				}
				typ, ok := MatchResourceType("s3:ListBucket", "arn:aws:s3:::b")
				assert.True(t, ok)
				assert.Equal(t, "bucket", typ)
				_, ok = MatchResourceType("logs:PutLogEvents", "arn:aws:logs:r:1:log-group:g:log-stream:s")
				assert.True(t, ok)
				k, ok := LookupConditionKey("aws:RequestTag/Dept")
				assert.True(t, ok)
				assert.Equal(t, "String", k.Type)
				p, ok := LookupManagedPolicy("ReadOnlyAccess")
				assert.True(t, ok)
				assert.NotEmpty(t, p.Document)
				s, ok := SuggestAction("s3:GetObjct")
				assert.True(t, ok)
				assert.Equal(t, "s3:GetObject", s)
			}
		}()
	}
	wg.Wait()
}

func TestKeyTemplates(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		template, name string
		match          bool
	}{
		{"aws:requesttag/${tagkey}", "aws:requesttag/dept", true},
		{"aws:requesttag/${tagkey}", "aws:requesttag/a/b:c", true},
		{"aws:requesttag/${tagkey}", "aws:requesttag/", false},
		{"aws:requesttag/${tagkey}", "aws:requesttagx", false},
		{"events:metadata/${metadatakey}/matcher", "events:metadata/k/matcher", true},
		{"events:metadata/${metadatakey}/matcher", "events:metadata//matcher", false},
		{"codebuild:secondarysources/${sourceidentifier}.auth.type", "codebuild:secondarysources/src1.auth.type", true},
		{"codebuild:secondarysources/${sourceidentifier}.auth.type", "codebuild:secondarysources/.auth.type", false},
		{"token.actions.${domain}.ghe.com:sub", "token.actions.acme.ghe.com:sub", true},
		{"token.actions.${domain}.ghe.com:sub", "token.actions..ghe.com:sub", false},
		{"s3:existingobjecttag/<key>", "s3:existingobjecttag/x", true},
		{"a:${x}${y}", "a:q", false},
		{"a:${x}${y}", "a:qr", true},
		{"odd:$a<b${x}", "odd:$a<bz", true},
		{"odd:$a<b${x}", "odd:$a<b", false},
	} {
		parts, ok := splitTemplate(tc.template)
		require.True(t, ok, tc.template)
		tpl := keyTemplate{parts: parts}
		assert.Equal(t, tc.match, tpl.match(tc.name), "%s ~ %s", tc.name, tc.template)
	}
	for _, plain := range []string{"aws:sourceip", "s3:x-amz-acl", "odd:$notaplaceholder", "odd:<unclosed"} {
		_, ok := splitTemplate(plain)
		assert.False(t, ok, plain)
	}
}

func TestARNIntersection(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		format, pattern string
		want            bool
	}{
		{"arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b/k", true},
		{"arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b/", false},
		{"arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::/k", false},
		{"arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::b", false},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::b", true},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::b/k", false},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::b:k", false},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::*", true},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::", false},
		{"arn:${Partition}:s3:::${BucketName}", "arn:*:s3:::b", true},
		{"arn:${Partition}:s3:::${BucketName}", "arn::s3:::b", false},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:us-east-1::b", false},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s?:::b", true},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:ec2:::b", false},
		// The whole-field rule holds only for …Name placeholders.
		{"arn:${Partition}:mgh:${Region}:${Account}:${ConnectionArn}", "arn:aws:mgh:r:1:arn:aws:x:y/z", true},
		{"arn:${Partition}:sns:${Region}:${Account}:${TopicName}", "arn:aws:sns:r:1:topic", true},
		{"arn:${Partition}:sns:${Region}:${Account}:${TopicName}", "arn:aws:sns:r:1:topic/x", false},
		// A '*' in a format matches any run.
		{"arn:${Partition}:${Vendor}:${Region}:*:${ResourceType}:${RecoveryPointId}", "arn:aws:ec2:r::snapshot:s1", true},
		// Policy variables and their escapes.
		{"arn:${Partition}:iam::${Account}:user/${UserNameWithPath}", "arn:aws:iam::1:user/${aws:username}", true},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::${aws:username}", true},
		{"arn:${Partition}:s3:::${BucketName}", "arn:aws:s3:::a${*}", true},
		{"arn:${Partition}:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::a${*}", false},
	} {
		f := compileARNFormat(tc.format)
		p, ok := parseARNPattern(tc.pattern)
		require.True(t, ok, tc.pattern)
		assert.Equal(t, tc.want, f.intersects(&p), "%s ∩ %s", tc.format, tc.pattern)
	}
	_, ok := parseARNPattern("arn:aws:s3::b")
	assert.False(t, ok)
	assert.False(t, compileARNFormat("not-an-arn").valid)
}

func TestDecodeRejectsMalformedFiles(t *testing.T) {
	t.Parallel()
	enc := func(text string) []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		_, err := zw.Write([]byte(text))
		require.NoError(t, err)
		require.NoError(t, zw.Close())
		return b.Bytes()
	}
	for name, text := range map[string]string{
		"empty":             "",
		"wrong header":      "iamc-catalog-iam 2\n",
		"no final newline":  "iamc-catalog-iam 1\nS\ts3\tAmazon S3\t1",
		"unknown record":    "iamc-catalog-iam 1\nX\ta\tb\tc\n",
		"too few fields":    "iamc-catalog-iam 1\nS\ts3\tAmazon S3\n",
		"too many fields":   "iamc-catalog-iam 1\nS\ts3\tAmazon S3\t1\tx\n",
		"action first":      "iamc-catalog-iam 1\nA\ts3:GetObject\tRead\t\n",
		"resource first":    "iamc-catalog-iam 1\nS\ts3\tAmazon S3\t1\nR\tobject\t1\t\n",
		"managed in iam":    "iamc-catalog-managed 1\n",
		"service after key": "iamc-catalog-iam 1\nG\taws:x\tString\tnetwork\t0\talways\nT\tb\tarn:x\t\n",
	} {
		_, err := wire.DecodeIAM(enc(text))
		assert.Error(t, err, name)
	}
	_, err := wire.DecodeIAM([]byte("not gzip"))
	assert.Error(t, err)
	_, err = wire.DecodeManaged([]byte("not gzip"))
	assert.Error(t, err)
	for name, text := range map[string]string{
		"wrong header":     "iamc-catalog-iam 1\n",
		"too few fields":   "iamc-catalog-managed 1\nName\t/\tv1\n",
		"no final newline": "iamc-catalog-managed 1\nName\t/\tv1\t{}",
	} {
		_, err := wire.DecodeManaged(enc(text))
		assert.Error(t, err, name)
	}
	m, err := wire.DecodeManaged(enc("iamc-catalog-managed 1\nName\t/\tv1\t{\"a\":\"b\\tc\"}\n"))
	require.NoError(t, err)
	assert.Equal(t, `{"a":"b\tc"}`, string(m.Policies[0].Document))
}
