package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMakeInstall: make install puts iamc where go install does ($GOBIN),
// says where, and says so when that directory is not on the PATH; the
// installed iamc runs.
func TestMakeInstall(t *testing.T) {
	bin := t.TempDir()
	cmd := exec.Command("make", "-s", "install")
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), "GOBIN="+bin, "PATH=/usr/bin:/bin:"+filepath.Dir(goPath(t)))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make install: %v\n%s", err, out)
	}
	iamc := filepath.Join(bin, "iamc")
	for _, want := range []string{"installed " + iamc, bin + " is not on your PATH"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("make install printed\n%s\nwithout %q", out, want)
		}
	}
	version, err := exec.Command(iamc, "version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(version), "iamc ") {
		t.Errorf("the installed iamc version: %v\n%s", err, version)
	}
}

func goPath(t *testing.T) string {
	p, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
