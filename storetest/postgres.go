package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// Environment variables read by PostgresURL.
const (
	// EnvPostgresURL names a server to create test databases in, instead
	// of starting one: postgres://user:pass@host:port/postgres. The user
	// must be allowed to CREATE DATABASE.
	EnvPostgresURL = "WARTA_TEST_POSTGRES_URL"
	// EnvRequirePostgres set to 1 turns "PostgreSQL not found" from a skip
	// into a failure, for CI.
	EnvRequirePostgres = "WARTA_REQUIRE_POSTGRES"
)

// cluster is the one PostgreSQL server of this test binary, started on
// first use.
var cluster struct {
	once  sync.Once
	admin *sql.DB  // connected to the maintenance database "postgres"
	base  *url.URL // admin URL; test URLs differ in the database name
	skip  string   // why PostgreSQL is unavailable, when it is
	err   error    // why starting it failed
	stop  func()   // stops the server and removes its folder, if we started it
	n     atomic.Int64
}

// PostgresURL returns the URL of a new, empty database for tb, dropped
// when tb ends. The server is the one named by WARTA_TEST_POSTGRES_URL,
// or else a throw-away cluster this test binary starts once from the
// local PostgreSQL binaries (initdb, pg_ctl on PATH or in
// /usr/lib/postgresql/*/bin). Without either it skips tb, or fails it
// when WARTA_REQUIRE_POSTGRES=1. Packages that call it must call Main
// from TestMain, which stops the cluster.
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	cluster.once.Do(startCluster)
	switch {
	case cluster.err != nil:
		tb.Fatalf("throw-away PostgreSQL: %v", cluster.err)
	case cluster.skip != "" && os.Getenv(EnvRequirePostgres) == "1":
		tb.Fatalf("%s (%s=1)", cluster.skip, EnvRequirePostgres)
	case cluster.skip != "":
		tb.Skip(cluster.skip)
	}
	name := fmt.Sprintf("warta_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, cluster.n.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := cluster.admin.ExecContext(ctx, `CREATE DATABASE `+name); err != nil {
		tb.Fatalf("create test database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		// FORCE ends sessions a test left open (PostgreSQL 13 and later).
		if _, err := cluster.admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			tb.Logf("drop test database %s: %v", name, err)
		}
	})
	u := *cluster.base
	u.Path = "/" + name
	return u.String()
}

// Main runs the tests of m, stops the throw-away PostgreSQL if one was
// started, and exits with the tests' status. Call it from TestMain in
// every package whose tests use PostgresURL:
//
//	func TestMain(m *testing.M) { storetest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	StopPostgres()
	os.Exit(code)
}

// StopPostgres stops the throw-away PostgreSQL cluster, if this binary
// started one, and removes its folder. Main calls it; call it yourself
// only from a TestMain that cannot use Main.
func StopPostgres() {
	if cluster.admin != nil {
		cluster.admin.Close()
	}
	if cluster.stop != nil {
		cluster.stop()
		cluster.stop = nil
	}
}

// startCluster fills in cluster: from WARTA_TEST_POSTGRES_URL, or by
// starting a server.
func startCluster() {
	if raw := os.Getenv(EnvPostgresURL); raw != "" {
		u, err := url.Parse(raw)
		if err != nil {
			cluster.err = fmt.Errorf("%s is not a URL: %v", EnvPostgresURL, err)
			return
		}
		cluster.base = u
		cluster.err = connectAdmin(u)
		return
	}
	bin := findBinaries()
	if bin == "" {
		cluster.skip = "PostgreSQL not found: install postgresql or set " + EnvPostgresURL
		return
	}
	// A port can be taken between choosing and binding it (another test
	// binary starting its own cluster at the same moment), so try again.
	var err error
	for range 3 {
		if err = startServer(bin); err == nil {
			return
		}
	}
	cluster.err = err
}

// connectAdmin opens cluster.admin on u and waits until it answers.
func connectAdmin(u *url.URL) error {
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		return err
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err = db.PingContext(ctx)
		cancel()
		if err == nil {
			cluster.admin = db
			return nil
		}
		if time.Now().After(deadline) {
			db.Close()
			return fmt.Errorf("server at %s does not answer: %v", u.Host, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// findBinaries returns the folder holding initdb and pg_ctl, or "".
func findBinaries() string {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir
		}
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	for i := len(matches) - 1; i >= 0; i-- { // newest version first
		dir := filepath.Dir(matches[i])
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir
		}
	}
	return ""
}

// startServer runs initdb and pg_ctl start in a new temporary folder on a
// free loopback port. PostgreSQL refuses to run as root, so as root the
// commands run as the postgres user through runuser, in a folder that
// user owns.
func startServer(bin string) (err error) {
	asRoot := os.Geteuid() == 0
	dir, err := os.MkdirTemp(tempParent(asRoot), "warta-pg-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	run := func(name string, args ...string) *exec.Cmd {
		path := filepath.Join(bin, name)
		if asRoot {
			return exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
		}
		return exec.Command(path, args...)
	}
	if asRoot {
		u, err := user.Lookup("postgres")
		if err != nil {
			return fmt.Errorf("running as root needs a postgres user to run PostgreSQL as: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return err
		}
	}
	data, sock, logFile := filepath.Join(dir, "data"), filepath.Join(dir, "sock"), filepath.Join(dir, "server.log")

	cmd := run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %v\n%s", err, out)
	}
	if err := os.Mkdir(sock, 0o700); err != nil {
		return err
	}
	if asRoot {
		if out, err := exec.Command("chown", "postgres:", sock).CombinedOutput(); err != nil {
			return fmt.Errorf("chown %s: %v: %s", sock, err, out)
		}
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	// Durability is pointless for a database that is deleted after the
	// tests, so fsync and friends are off: tests run much faster.
	opts := strings.Join([]string{
		"-c listen_addresses=127.0.0.1",
		"-p " + strconv.Itoa(port),
		"-c unix_socket_directories=" + sock,
		"-c fsync=off",
		"-c synchronous_commit=off",
		"-c full_page_writes=off",
		"-c max_connections=200",
	}, " ")
	cmd = run("pg_ctl", "-D", data, "-l", logFile, "-o", opts, "-w", "-t", "60", "start")
	if out, err := cmd.CombinedOutput(); err != nil {
		log, _ := os.ReadFile(logFile)
		return fmt.Errorf("pg_ctl start on port %d: %v\n%s\nserver log:\n%s", port, err, out, log)
	}
	stop := func() {
		run("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop").Run()
		os.RemoveAll(dir)
	}
	base := &url.URL{Scheme: "postgres", User: url.User("postgres"), Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), Path: "/postgres", RawQuery: "sslmode=disable"}
	if err := connectAdmin(base); err != nil {
		log, _ := os.ReadFile(logFile)
		stop()
		return fmt.Errorf("%v\nserver log:\n%s", err, log)
	}
	cluster.base, cluster.stop = base, stop
	return nil
}

// tempParent returns where to make the cluster's folder. The postgres
// user must be able to reach it when we run as root, so every folder
// above it must be searchable by others; /tmp always is.
func tempParent(asRoot bool) string {
	t := os.TempDir()
	if !asRoot {
		return t
	}
	for d := t; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return "/tmp"
		}
		if d == filepath.Dir(d) {
			return t
		}
	}
}

// freePort returns a TCP port on 127.0.0.1 that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
