//go:build !unix

package main

// lockDataDir is a no-op where flock is not available; SQLite's own file
// locking still keeps the database consistent.
func lockDataDir(dir string) (release func(), err error) { return func() {}, nil }
