package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"warta"
	"warta/postgres"
	"warta/storetest"
)

// TestListenChanges writes through one store and waits for another
// store's listener to be woken by the commit; then it cuts the
// listener's connection and checks that it reconnects by itself.
func TestListenChanges(t *testing.T) {
	url := storetest.PostgresURL(t)
	a := MustOpen(t, url, nil)
	if _, err := a.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	b := MustOpen(t, url, nil)
	var wakes atomic.Int64
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		b.ListenChanges(ctx, func() { wakes.Add(1) }, nil)
	}()
	t.Cleanup(func() { cancel(); <-done })

	// The listener wakes once when it connects.
	waitFor(t, "the listener to connect", func() bool { return wakes.Load() >= 1 })

	before := wakes.Load()
	storetest.MustCreateSection(t, a, &warta.Section{Slug: "kabar", Name: "Kabar"})
	waitFor(t, "a wake after a commit in the other store", func() bool { return wakes.Load() > before })

	// A rolled-back write notifies no one: NOTIFY is part of the transaction.
	before = wakes.Load()
	tx, err := a.WriteDB().BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`SELECT pg_notify($1, '0')`, postgres.ChangesChannel); err != nil {
		t.Fatal(err)
	}
	tx.Rollback()

	// Cut the listening connection, as a server restart or a proxy would.
	admin := a.WriteDB()
	var cut int
	waitFor(t, "the listening session to be cut", func() bool {
		err := admin.QueryRow(`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE datname = current_database() AND query LIKE 'LISTEN%'`).Scan(&cut)
		return err == nil && cut > 0
	})
	// Reconnecting wakes it once (what was sent meanwhile is lost), and
	// later commits wake it again.
	waitFor(t, "the listener to reconnect", func() bool { return wakes.Load() > before })
	before = wakes.Load()
	storetest.MustCreateSection(t, a, &warta.Section{Slug: "warta-daerah", Name: "Warta Daerah"})
	waitFor(t, "a wake after the reconnect", func() bool { return wakes.Load() > before })
}

// TestScheduledJobOnceAcrossProcesses races the scheduled-publishing job
// through two stores with their own pools, as two Warta processes do,
// and checks the job's effects: one publication, one audit entry and one
// change-log row per article.
func TestScheduledJobOnceAcrossProcesses(t *testing.T) {
	url := storetest.PostgresURL(t)
	clock := func() time.Time { return storetest.Start }
	a := MustOpen(t, url, clock)
	if _, err := a.Migrate(t.Context()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	b := MustOpen(t, url, clock)
	due := storetest.MustCreateScheduled(t, a, "sekali", 12, storetest.Start.Add(-time.Minute))
	// Several rounds, as the job's ticker would run them.
	seen := map[int64]int{}
	for range 3 {
		for id, n := range storetest.RacePublishDue(t, []warta.ArticleStore{a, b}, storetest.Start, 3) {
			seen[id] += n
		}
	}
	db := a.WriteDB()
	for _, art := range due {
		if seen[art.ID] != 1 {
			t.Errorf("article %d returned by %d PublishDue calls, want 1", art.ID, seen[art.ID])
		}
		var audits int
		mustQueryRow(t, db, `SELECT COUNT(*) FROM audit_log WHERE action = 'article.publish' AND subject LIKE $1`,
			fmt.Sprintf("article %d:%%", art.ID)).Scan(&audits)
		if audits != 1 {
			t.Errorf("article %d has %d publish audit entries, want 1", art.ID, audits)
		}
		var changes int
		mustQueryRow(t, db, `SELECT COUNT(*) FROM changes WHERE (' ' || tags || ' ') LIKE $1`,
			"% "+warta.ArticleTag(art.ID)+" %").Scan(&changes)
		// A scheduled article is on no public page, so creating it named
		// none; publishing it must add exactly one row.
		if changes != 1 {
			t.Errorf("article %d is named by %d change-log rows, want 1 (its publication)", art.ID, changes)
		}
		got := mustArticle(t, b, art.ID)
		if got.Status != warta.StatusPublished {
			t.Errorf("article %d status = %s, want published", art.ID, got.Status)
		}
	}
}

// TestOpenBadCredentials connects to a server that checks passwords.
func TestOpenBadCredentials(t *testing.T) {
	c := storetest.StartCluster(t)
	const wrong = "not-the-Pa55word"
	for name, url := range map[string]string{
		"wrong password": c.URLWith("postgres", wrong),
		"unknown user":   c.URLWith("nobody_here", wrong),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := postgres.Open(t.Context(), url, nil)
			if err == nil {
				t.Fatal("Open succeeded, want an error")
			}
			msg := err.Error()
			if !strings.Contains(msg, "check the user and password") || !strings.Contains(msg, "--database") {
				t.Errorf("error = %q, want it to say to check the user and password in --database", msg)
			}
			if strings.Contains(msg, wrong) {
				t.Errorf("error %q shows the password", msg)
			}
		})
	}
	db := MustOpen(t, c.URL(), nil)
	if err := db.Ping(t.Context()); err != nil {
		t.Errorf("Ping with the right password: %v", err)
	}
}

// TestOpenNoAnswer connects to a host that accepts the connection and
// never answers, as a firewall or a hung server does: Open must give up
// by itself with a message, not hang.
func TestOpenNoAnswer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			defer conn.Close() // held open, silent, until the test ends
		}
	}()
	_, err = postgres.Open(t.Context(), "postgres://warta:pw@"+l.Addr().String()+"/warta?sslmode=disable", nil)
	if err == nil {
		t.Fatal("Open on a silent server succeeded, want an error")
	}
	if msg := err.Error(); !strings.Contains(msg, l.Addr().String()) || !strings.Contains(msg, "no answer") {
		t.Errorf("error = %q, want it to name the address and say it did not answer", msg)
	}
	if got, want := warta.ErrorCode(err), warta.EUNAVAILABLE; got != want {
		t.Errorf("error code = %q, want %q", got, want)
	}
}

// TestMigrateRefusesForeignDatabase points Warta at databases that
// belong to other programs: Migrate refuses with a message that says
// what to do, and writes nothing.
func TestMigrateRefusesForeignDatabase(t *testing.T) {
	for name, schema := range map[string]string{
		"another program's tables": `CREATE TABLE customers (id int PRIMARY KEY, name text);
			CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers)`,
		// golang-migrate's bookkeeping table has Warta's name but not its columns.
		"another tool's schema_migrations": `CREATE TABLE schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL);
			INSERT INTO schema_migrations VALUES (3, false);
			CREATE TABLE invoices (id int PRIMARY KEY)`,
	} {
		t.Run(name, func(t *testing.T) {
			db := MustOpen(t, storetest.PostgresURL(t), nil)
			if _, err := db.WriteDB().ExecContext(t.Context(), schema); err != nil {
				t.Fatal(err)
			}
			before := tableList(t, db.WriteDB())
			_, err := db.Migrate(t.Context())
			if err == nil {
				t.Fatal("Migrate into another program's database succeeded, want a refusal")
			}
			msg := err.Error()
			for _, want := range []string{"did not make", "changed nothing", "empty database", "--database"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not say %q", msg, want)
				}
			}
			if got := tableList(t, db.WriteDB()); got != before {
				t.Errorf("tables after the refusal = %s, want them unchanged: %s", got, before)
			}
		})
	}
	// An empty database is Warta's to fill, and once filled it stays Warta's.
	db := MustOpen(t, storetest.PostgresURL(t), nil)
	for range 2 {
		if _, err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("Migrate into an empty database, then again: %v", err)
		}
	}
}

func tableList(t *testing.T, db *sql.DB) string {
	t.Helper()
	var list sql.NullString
	mustQueryRow(t, db, `SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = current_schema()`).Scan(&list)
	return list.String
}

func mustQueryRow(t *testing.T, db *sql.DB, query string, args ...any) *sql.Row {
	t.Helper()
	return db.QueryRowContext(t.Context(), query, args...)
}

func mustArticle(t *testing.T, st warta.Store, id int64) *warta.Article {
	t.Helper()
	a, err := st.ArticleByID(t.Context(), id)
	if err != nil {
		t.Fatalf("ArticleByID(%d): %v", id, err)
	}
	return a
}

// waitFor polls cond until it holds, failing t after 20 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
