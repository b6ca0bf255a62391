package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"warta"
	"warta/sqlite"
	"warta/storetest"
)

// MustOpen opens a store in dir, failing tb on error, and closes it when
// the test ends.
func MustOpen(tb testing.TB, dir string, now warta.Clock) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), dir, now)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// MustOpenMigrated opens a fresh migrated store in a temporary folder.
func MustOpenMigrated(tb testing.TB, now warta.Clock) *sqlite.DB {
	tb.Helper()
	db := MustOpen(tb, tb.TempDir(), now)
	if _, err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("Migrate: %v", err)
	}
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) warta.Store {
		return MustOpenMigrated(t, storetest.Clock(t))
	})
}

func TestPragmas(t *testing.T) {
	db := MustOpenMigrated(t, nil)
	ctx := context.Background()
	want := map[string]string{
		"journal_mode": "wal",
		"foreign_keys": "1",
		"busy_timeout": "5000",
		"synchronous":  "1", // NORMAL
	}
	for _, h := range []struct {
		name  string
		db    *sql.DB
		conns int
	}{
		{"writer", db.WriteDB(), 1},
		{"reader", db.ReadDB(), 4},
	} {
		// Hold several connections at once so that each one in the pool
		// is checked, not the same idle one again.
		var held []*sql.Conn
		for range h.conns {
			c, err := h.db.Conn(ctx)
			if err != nil {
				t.Fatalf("%s: Conn: %v", h.name, err)
			}
			held = append(held, c)
		}
		for i, c := range held {
			for p, w := range want {
				var got string
				if err := c.QueryRowContext(ctx, "PRAGMA "+p).Scan(&got); err != nil {
					t.Fatalf("%s conn %d: PRAGMA %s: %v", h.name, i, p, err)
				}
				if got != w {
					t.Errorf("%s conn %d: PRAGMA %s = %q, want %q", h.name, i, p, got, w)
				}
			}
			c.Close()
		}
	}
	var queryOnly string
	if err := db.ReadDB().QueryRowContext(ctx, "PRAGMA query_only").Scan(&queryOnly); err != nil || queryOnly != "1" {
		t.Errorf("reader: PRAGMA query_only = %q, %v; want 1", queryOnly, err)
	}
	if _, err := db.ReadDB().ExecContext(ctx, `INSERT INTO tags (slug, name) VALUES ('x', 'x')`); err == nil {
		t.Error("a write through the reader pool succeeded, want an error (query_only)")
	}
	if got, want := db.WriteDB().Stats().MaxOpenConnections, 1; got != want {
		t.Errorf("writer MaxOpenConnections = %d, want %d", got, want)
	}
}

func TestMigrateIdempotent(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, t.TempDir(), nil)
	pending, err := db.Pending(ctx)
	if err != nil {
		t.Fatalf("Pending: %v", err)
	}
	if len(pending) == 0 || pending[0] != "0001_init.sql" {
		t.Fatalf("Pending on a new database = %v, want it to start with 0001_init.sql", pending)
	}
	pendingBefore := pending
	applied, err := db.Migrate(ctx)
	if err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if !slices.Equal(applied, pending) {
		t.Errorf("Migrate applied %v, want the pending %v", applied, pending)
	}
	applied, err = db.Migrate(ctx)
	if err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	if len(applied) != 0 {
		t.Errorf("second Migrate applied %v, want nothing", applied)
	}
	pending, err = db.Pending(ctx)
	if err != nil {
		t.Fatalf("Pending: %v", err)
	}
	if len(pending) != 0 {
		t.Errorf("Pending after Migrate = %v, want none", pending)
	}
	var n int
	if err := db.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if got, want := n, len(pendingBefore); got != want {
		t.Errorf("schema_migrations rows = %d, want %d", got, want)
	}
}

// TestMigrateConcurrent runs Migrate from several handles on one file at
// once, as when "warta migrate" and "warta serve --migrate" start together:
// each migration must be applied exactly once.
func TestMigrateConcurrent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const n = 4
	dbs := make([]*sqlite.DB, n)
	for i := range dbs {
		dbs[i] = MustOpen(t, dir, nil)
	}
	results := make([][]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, db := range dbs {
		wg.Go(func() { results[i], errs[i] = db.Migrate(ctx) })
	}
	wg.Wait()
	var all []string
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("Migrate %d: %v", i, errs[i])
		}
		all = append(all, results[i]...)
	}
	pending, err := dbs[0].Pending(ctx)
	if err != nil {
		t.Fatalf("Pending: %v", err)
	}
	if len(pending) != 0 {
		t.Errorf("Pending after concurrent Migrate = %v, want none", pending)
	}
	slices.Sort(all)
	if got, want := len(all), len(slices.Compact(slices.Clone(all))); got != want || got == 0 {
		t.Errorf("migrations applied across handles = %v, want each exactly once", all)
	}
}

// TestTwoHandles opens the same folder twice, as "warta serve" and a CLI
// command do, and writes through both at once.
func TestTwoHandles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	clock := func() time.Time { return storetest.Start }
	a := MustOpen(t, dir, clock)
	if _, err := a.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	b := MustOpen(t, dir, clock)
	sec := storetest.MustCreateSection(t, a, &warta.Section{Slug: "nasional", Name: "Nasional"})
	au := storetest.MustCreateAuthor(t, b, &warta.Author{Slug: "rina", Name: "Rina"})

	const each = 25
	var wg sync.WaitGroup
	errs := make(chan error, 2*each)
	for i, db := range []*sqlite.DB{a, b} {
		wg.Go(func() {
			for j := range each {
				err := db.CreateArticle(ctx, &warta.Article{
					Slug: fmt.Sprintf("berita-%d-%d", i, j), Headline: "Berita", Status: warta.StatusPublished,
					Section: *sec, Authors: []warta.Author{*au}, PublishedAt: storetest.Start.Add(-time.Duration(j) * time.Minute),
				})
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("CreateArticle: %v", err)
	}
	for name, db := range map[string]*sqlite.DB{"first": a, "second": b} {
		_, total, err := db.Articles(ctx, warta.ArticleFilter{})
		if err != nil {
			t.Fatalf("%s: Articles: %v", name, err)
		}
		if total != 2*each {
			t.Errorf("%s handle sees %d articles, want %d", name, total, 2*each)
		}
	}
	var check string
	if err := a.WriteDB().QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v; want ok", check, err)
	}
}

func TestOpenErrors(t *testing.T) {
	// A regular file where the folder should be stops root too, unlike
	// permission bits.
	ctx := context.Background()
	parent := t.TempDir()
	file := filepath.Join(parent, "not-a-folder")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(ctx, filepath.Join(file, "data"), nil)
	if err == nil {
		t.Fatal("Open under a regular file succeeded, want an error")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "--data") || !strings.Contains(msg, file) {
		t.Errorf("error = %q, want one line naming the folder and --data", msg)
	}

	// A file that is not a database.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, sqlite.FileName), []byte(strings.Repeat("not sqlite ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = sqlite.Open(ctx, dir, nil)
	if err == nil {
		t.Fatal("Open on a file that is not a database succeeded, want an error")
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, sqlite.FileName) {
		t.Errorf("error = %q, want one line naming the database file", msg)
	}
}

// TestRateLimiterTwoHandles races Allow on one key through two handles on
// the same file, as two Warta processes sharing a data folder would: the
// limiter's state is in the database, so exactly one call may win.
func TestRateLimiterTwoHandles(t *testing.T) {
	dir := t.TempDir()
	clock := func() time.Time { return storetest.Start }
	a := MustOpen(t, dir, clock)
	if _, err := a.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	b := MustOpen(t, dir, clock)
	for i := range 10 {
		key := fmt.Sprintf("comment-ip:203.0.113.%d", i)
		if got := storetest.RaceAllow(t, []warta.RateLimiter{a, b}, key, time.Minute, 4); got != 1 {
			t.Errorf("two handles racing on %q: %d allowed, want exactly 1", key, got)
		}
	}
}

// TestPublishDueTwoHandles races PublishDue through two handles on one
// file, as two Warta processes sharing a data folder would: each due
// article must be published by exactly one call.
func TestPublishDueTwoHandles(t *testing.T) {
	dir := t.TempDir()
	clock := func() time.Time { return storetest.Start }
	a := MustOpen(t, dir, clock)
	if _, err := a.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	b := MustOpen(t, dir, clock)
	due := storetest.MustCreateScheduled(t, a, "dua-proses", 20, storetest.Start.Add(-time.Minute))
	seen := storetest.RacePublishDue(t, []warta.ArticleStore{a, b}, storetest.Start, 4)
	for _, art := range due {
		if seen[art.ID] != 1 {
			t.Errorf("article %d published %d times across handles, want exactly once", art.ID, seen[art.ID])
		}
	}
	if len(seen) != len(due) {
		t.Errorf("%d articles published, want %d", len(seen), len(due))
	}
}
