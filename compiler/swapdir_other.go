//go:build !linux

package compiler

// swapDir puts the directory tmp in place of path, by two renames.
func swapDir(tmp, path string) error { return swapDirRenames(tmp, path) }
