package compiler

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swapDir puts the directory tmp in place of path. When path exists the two
// are exchanged atomically (renameat2 RENAME_EXCHANGE), so readers see the
// old bundle or the new one, and tmp then holds the old one.
func swapDir(tmp, path string) error {
	if _, err := os.Lstat(path); os.IsNotExist(err) {
		return os.Rename(tmp, path)
	}
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, path, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) {
		return swapDirRenames(tmp, path)
	}
	if err != nil {
		return &os.LinkError{Op: "exchange", Old: tmp, New: path, Err: err}
	}
	return nil
}
