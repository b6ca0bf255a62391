package storetest

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Cluster is a PostgreSQL server of one test's own, which the test may
// stop and start (the shared one of PostgresURL serves other tests at the
// same time). Connections over TCP need the password; Unix-socket ones
// are trusted, for pg_ctl.
type Cluster struct {
	Password string
	bin      string
	dir      string
	data     string
	port     int
	opts     string
	asRoot   bool
}

// StartCluster runs initdb and starts a server of tb's own on a free
// loopback port, with a database "warta" and the superuser "postgres"
// whose password is Password; it stops and removes it when tb ends.
// Without the PostgreSQL binaries it skips tb, or fails it when
// WARTA_REQUIRE_POSTGRES=1.
func StartCluster(tb testing.TB) *Cluster {
	tb.Helper()
	bin := findBinaries()
	if bin == "" {
		msg := "PostgreSQL binaries (initdb, pg_ctl) not found: install postgresql"
		if os.Getenv(EnvRequirePostgres) == "1" {
			tb.Fatalf("%s (%s=1)", msg, EnvRequirePostgres)
		}
		tb.Skip(msg)
	}
	c := &Cluster{Password: "pw-" + strconv.Itoa(os.Getpid()), bin: bin, asRoot: os.Geteuid() == 0}
	dir, err := os.MkdirTemp(tempParent(c.asRoot), "warta-pgown-")
	if err != nil {
		tb.Fatal(err)
	}
	c.dir = dir
	tb.Cleanup(func() {
		c.ctl("-m", "immediate", "-w", "stop").Run()
		os.RemoveAll(dir)
	})
	if c.asRoot {
		u, err := user.Lookup("postgres")
		if err != nil {
			tb.Fatalf("running as root needs a postgres user to run PostgreSQL as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			tb.Fatal(err)
		}
	}
	pwfile := filepath.Join(dir, "pw")
	if err := os.WriteFile(pwfile, []byte(c.Password+"\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
	c.data = filepath.Join(dir, "data")
	sock := filepath.Join(dir, "sock")
	if out, err := c.cmd("initdb", "-D", c.data, "-U", "postgres", "--pwfile", pwfile,
		"--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync").CombinedOutput(); err != nil {
		tb.Fatalf("initdb: %v\n%s", err, out)
	}
	if err := os.Mkdir(sock, 0o700); err != nil {
		tb.Fatal(err)
	}
	if c.asRoot {
		if out, err := exec.Command("chown", "postgres:", sock).CombinedOutput(); err != nil {
			tb.Fatalf("chown %s: %v: %s", sock, err, out)
		}
	}
	if c.port, err = freePort(); err != nil {
		tb.Fatal(err)
	}
	c.opts = strings.Join([]string{
		"-c listen_addresses=127.0.0.1", "-p " + strconv.Itoa(c.port),
		"-c unix_socket_directories=" + sock,
		// fsync off is safe here: the machine does not crash, only the
		// server stops. synchronous_commit stays on, as in production:
		// off, an immediate stop loses commits already acknowledged.
		"-c fsync=off", "-c full_page_writes=off",
	}, " ")
	c.Start(tb)
	if out, err := c.cmd("createdb", "-h", sock, "-p", strconv.Itoa(c.port), "-U", "postgres", "warta").CombinedOutput(); err != nil {
		tb.Fatalf("createdb: %v\n%s", err, out)
	}
	return c
}

// URL returns the address of database "warta" with the right password.
func (c *Cluster) URL() string { return c.URLWith("postgres", c.Password) }

// URLWith returns the address of database "warta" as user with password.
func (c *Cluster) URLWith(user, password string) string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(user, password),
		Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)), Path: "/warta", RawQuery: "sslmode=disable"}
	return u.String()
}

// Stop stops the server as a crash would (immediate mode): every
// connection is cut at once.
func (c *Cluster) Stop(tb testing.TB) {
	tb.Helper()
	if out, err := c.ctl("-m", "immediate", "-w", "stop").CombinedOutput(); err != nil {
		tb.Fatalf("pg_ctl stop: %v\n%s", err, out)
	}
}

// Start starts the server again, on the same port, and waits until it
// accepts connections.
func (c *Cluster) Start(tb testing.TB) {
	tb.Helper()
	logFile := filepath.Join(c.dir, "server.log")
	if out, err := c.ctl("-l", logFile, "-o", c.opts, "-w", "-t", "120", "start").CombinedOutput(); err != nil {
		log, _ := os.ReadFile(logFile)
		tb.Fatalf("pg_ctl start on port %d: %v\n%s\nserver log:\n%s", c.port, err, out, log)
	}
}

func (c *Cluster) ctl(args ...string) *exec.Cmd {
	return c.cmd("pg_ctl", append([]string{"-D", c.data}, args...)...)
}

// cmd runs a PostgreSQL binary, as the postgres user when we are root
// (PostgreSQL refuses to run as root).
func (c *Cluster) cmd(name string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bin, name)
	if c.asRoot {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

// String names the server for messages.
func (c *Cluster) String() string { return fmt.Sprintf("PostgreSQL on 127.0.0.1:%d", c.port) }
