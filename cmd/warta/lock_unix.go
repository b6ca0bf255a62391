//go:build unix

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// lockDataDir makes sure only one "warta serve" runs on a data folder.
// SQLite's own locking already keeps the database file consistent when
// several processes write to it (the CLI does, while serve runs); this lock
// stops a second server, whose page cache would not see the first one's
// writes as its own. The lock goes away with the process, even on a crash.
func lockDataDir(dir string) (release func(), err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the data folder %s: %v", dir, errors.Unwrap(err))
	}
	path := filepath.Join(dir, "serve.lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %v: check the permissions of the data folder", path, errors.Unwrap(err))
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		b, _ := os.ReadFile(path)
		f.Close()
		holder := ""
		if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
			holder = fmt.Sprintf(" (process %d)", pid)
		}
		return nil, fmt.Errorf("another warta serve is already running on the data folder %s%s: stop it first, or use PostgreSQL (--database) to run several servers", dir, holder)
	}
	f.Truncate(0)
	f.WriteString(strconv.Itoa(os.Getpid()) + "\n")
	return func() { f.Close() }, nil
}
