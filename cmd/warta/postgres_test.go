package main

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"warta/media/mediatest"
	"warta/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	storetest.StopPostgres()
	mediatest.Stop()
	os.Exit(code)
}

// TestPostgresSiteSurvivesLosingTheDatabase serves the demo from
// PostgreSQL, takes the database away while serving, and brings it back:
// readers get a friendly 503 meanwhile, and the site recovers by itself.
func TestPostgresSiteSurvivesLosingTheDatabase(t *testing.T) {
	dbURL := storetest.PostgresURL(t)
	s := MustServe(t, "--data", t.TempDir(), "--database", dbURL, "--demo")

	res, home := get(t, s.URL+"/")
	if res.StatusCode != 200 {
		t.Fatalf("GET / = %d", res.StatusCode)
	}
	cards := find(parseHTML(t, home), byClass("article", "card"))
	if len(cards) < 11 {
		t.Fatalf("home page on PostgreSQL lists %d stories, want the demo's", len(cards))
	}

	// Take the database away: refuse new connections, end the open ones.
	admin := adminDB(t, dbURL)
	name := strings.TrimPrefix(mustParse(t, dbURL).Path, "/")
	mustExec(t, admin, `ALTER DATABASE "`+name+`" ALLOW_CONNECTIONS false`)
	mustExec(t, admin, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, name)

	waitStatus(t, s.URL+"/readyz", 503)
	// Cached pages may be served until the change-log poll fails and
	// empties the cache (one poll, 250 ms); then pages answer 503.
	waitStatus(t, s.URL+"/", 503)
	res, body := get(t, s.URL+"/")
	if res.StatusCode != 503 || !strings.Contains(body, "Layanan sedang tidak tersedia") {
		t.Errorf("GET / with the database gone = %d; want 503 with the friendly page", res.StatusCode)
	}
	if res, _ := get(t, s.URL+"/healthz"); res.StatusCode != 200 {
		t.Errorf("/healthz = %d while the database is gone; the process is still up", res.StatusCode)
	}

	// Bring it back: the site recovers without a restart.
	mustExec(t, admin, `ALTER DATABASE "`+name+`" ALLOW_CONNECTIONS true`)
	waitStatus(t, s.URL+"/readyz", 200)
	if res, _ := get(t, s.URL+"/"); res.StatusCode != 200 {
		t.Errorf("GET / after the database came back = %d, want 200", res.StatusCode)
	}
}

// adminDB connects to the server's maintenance database, beside the test's own.
func adminDB(t *testing.T, dbURL string) *sql.DB {
	t.Helper()
	u := mustParse(t, dbURL)
	u.Path = "/postgres"
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func mustExec(t *testing.T, db *sql.DB, query string, args ...any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// waitStatus polls url until it answers want, for at most 15 seconds.
func waitStatus(t *testing.T, url string, want int) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		res, _ := get(t, url)
		if res.StatusCode == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still answers %d after 15s, want %d", url, res.StatusCode, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
