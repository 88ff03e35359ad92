package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iamc/iamc/internal/golden"
)

const ciProject = "../../testdata/eval/ci"

// TestEvalRequesters: who may be given to eval, and what eval says of what
// cannot make a request. The decisions follow docs/semantics.md §4.2: a
// service principal named in a trust policy assumes the role by the trust
// policy alone; a principal of another account needs its own policy and
// the trust policy, whose sts:ExternalId condition reads the context of
// the AssumeRole call. The output of each case is in testdata/eval/want
// (make golden rewrites it).
func TestEvalRequesters(t *testing.T) {
	const at = "--at=2026-11-26T12:00:00Z"
	art := []string{"--action", "s3:GetObject", "--resource", "arn:aws:s3:::shop-artifacts/app.zip", at}
	for _, c := range []struct {
		name string
		code int
		args []string
	}{
		// A service principal assumes the role its trust policy names.
		{"service-principal", 0, append([]string{"eval", ciProject, "--principal", "codebuild.amazonaws.com", "--assume", "role.CI"}, art...)},
		// The external ID is the context of the AssumeRole call: without
		// it the trust policy lacks sts:ExternalId; with the wrong one
		// nothing allows the call; with the right one it does.
		{"external-id-missing", 0, append([]string{"eval", ciProject, "--principal", "user.deployer", "--assume", "role.Partner"}, art...)},
		{"external-id-wrong", 0, append([]string{"eval", ciProject, "--principal", "user.deployer", "--assume", "role.Partner", "--assume-context", "sts:ExternalId=other"}, art...)},
		{"external-id", 0, append([]string{"eval", ciProject, "--principal", "user.deployer", "--assume", "role.Partner", "--assume-context", "sts:ExternalId=partner-7"}, art...)},
		// The AssumeRole call's own keys do not reach the request made
		// from the session.
		{"external-id-json", 0, append([]string{"eval", ciProject, "--principal", "user.deployer", "--assume", "role.Partner", "--assume-context", "sts:ExternalId=partner-7", "--format", "json"}, art...)},
		// What cannot make a request, refused before deciding.
		{"role-as-principal", 2, append([]string{"eval", ciProject, "--principal", "role.CI"}, art...)},
		{"role-arn-as-principal", 2, append([]string{"eval", ciProject, "--principal", "arn:aws:iam::111122223333:role/ci/CI"}, art...)},
		{"unknown-role-arn-as-principal", 2, append([]string{"eval", ciProject, "--principal", "arn:aws:iam::111122223333:role/CI"}, art...)},
		{"unknown-user-arn", 2, append([]string{"eval", ciProject, "--principal", "arn:aws:iam::444455556666:user/deployr"}, art...)},
		{"unknown-user", 2, append([]string{"eval", ciProject, "--principal", "user.deploy"}, art...)},
		{"user-named-like-a-role", 2, append([]string{"eval", ciProject, "--principal", "user.Partner"}, art...)},
		{"group-as-principal", 2, append([]string{"eval", coffee, "--principal", "group.staff"}, art...)},
		{"assume-a-user", 2, append([]string{"eval", ciProject, "--principal", "codebuild.amazonaws.com", "--assume", "user.deployer"}, art...)},
		{"assume-unknown-role", 2, append([]string{"eval", ciProject, "--principal", "codebuild.amazonaws.com", "--assume", "role.Ci"}, art...)},
		// A service principal the decision does not know is refused by the
		// core, with its code.
		{"not-a-service-principal", 2, append([]string{"eval", ciProject, "--principal", "codebuild.example.com"}, art...)},
		// Flags that would be ignored, or mean nothing alone.
		{"assume-context-without-assume", 2, append([]string{"eval", ciProject, "--principal", "user.deployer", "--assume-context", "sts:ExternalId=partner-7"}, art...)},
		{"assume-context-twice", 2, append([]string{"eval", ciProject, "--principal", "user.deployer", "--assume", "role.Partner", "--assume-context", "sts:ExternalId=a", "--assume-context", "STS:EXTERNALID=b"}, art...)},
		{"input-and-principal", 2, []string{"eval", ciProject, "--input", "-", "--principal", "user.deployer"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := iamc(t, "{}", c.args...)
			assert.Equal(t, c.code, code, "stdout:\n%s\nstderr:\n%s", stdout, stderr)
			out := fmt.Sprintf("$ iamc %s\n%s", strings.Join(c.args, " "), stdout)
			if stderr != "" {
				out += "stderr:\n" + stderr
			}
			out += fmt.Sprintf("exit status %d\n", code)
			golden.Check(t, filepath.Join("../../testdata/eval/want", c.name+".txt"), []byte(out))
		})
	}
}
