package e2e

import (
	"os/exec"
	"syscall"
)

// dieWithParent has the kernel kill a started process if the test binary
// dies (a timeout, a crash) before it could stop it.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
