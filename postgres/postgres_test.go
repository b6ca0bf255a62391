package postgres_test

import (
	"context"
	"fmt"
	"net"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"warta"
	"warta/postgres"
	"warta/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// MustOpen opens the database at url, failing tb on error, and closes it
// when the test ends.
func MustOpen(tb testing.TB, url string, now warta.Clock) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), url, now)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// MustOpenMigrated opens a fresh migrated store in a new database.
func MustOpenMigrated(tb testing.TB, now warta.Clock) *postgres.DB {
	tb.Helper()
	db := MustOpen(tb, storetest.PostgresURL(tb), now)
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

func TestOpenError(t *testing.T) {
	// A port that was free a moment ago: nothing listens there.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	const password = "s3cret-Pa55word"
	_, err = postgres.Open(context.Background(), "postgres://warta:"+password+"@"+addr+"/warta?sslmode=disable", nil)
	if err == nil {
		t.Fatal("Open on a closed port succeeded, want an error")
	}
	msg := err.Error()
	for _, want := range []string{"PostgreSQL", addr, "connection refused", "--database"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
	if strings.Contains(msg, password) {
		t.Errorf("error %q shows the password", msg)
	}
	if strings.Contains(msg, "\n") {
		t.Errorf("error %q is more than one line", msg)
	}
	if got, want := warta.ErrorCode(err), warta.EUNAVAILABLE; got != want {
		t.Errorf("error code = %q, want %q", got, want)
	}

	_, err = postgres.Open(context.Background(), "postgres://warta:"+password+"@127.0.0.1:notaport/x", nil)
	if err == nil {
		t.Fatal("Open with a bad URL succeeded, want an error")
	}
	if msg := err.Error(); strings.Contains(msg, password) || !strings.Contains(msg, "--database") {
		t.Errorf("bad URL error = %q, want one without the password that mentions --database", msg)
	}
}

func TestWrongDatabase(t *testing.T) {
	url := storetest.PostgresURL(t)
	url = strings.Replace(url, "/warta_test_", "/missing_warta_test_", 1)
	_, err := postgres.Open(context.Background(), url, nil)
	if err == nil {
		t.Fatal("Open on a missing database succeeded, want an error")
	}
	if msg := err.Error(); !strings.Contains(msg, "does not exist") || !strings.Contains(msg, "createdb") {
		t.Errorf("error = %q, want it to say the database does not exist and how to create it", msg)
	}
}

func TestMigrateIdempotent(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t, storetest.PostgresURL(t), nil)
	pending, err := db.Pending(ctx)
	if err != nil {
		t.Fatalf("Pending: %v", err)
	}
	if len(pending) == 0 || pending[0] != "0001_init.sql" {
		t.Fatalf("Pending on a new database = %v, want it to start with 0001_init.sql", pending)
	}
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
	if pending, err := db.Pending(ctx); err != nil || len(pending) != 0 {
		t.Errorf("Pending after Migrate = %v, %v; want none", pending, err)
	}
}

// TestMigrateConcurrent starts several migrators on one database at once,
// as several Warta processes starting together do: each migration must be
// applied exactly once, and none may fail.
func TestMigrateConcurrent(t *testing.T) {
	ctx := context.Background()
	url := storetest.PostgresURL(t)
	const n = 4
	dbs := make([]*postgres.DB, n)
	for i := range dbs {
		dbs[i] = MustOpen(t, url, nil)
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
	want, err := MustOpen(t, storetest.PostgresURL(t), nil).Pending(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(all)
	if !slices.Equal(all, want) {
		t.Errorf("migrations applied across processes = %v, want each of %v exactly once", all, want)
	}
}

// TestReconnect kills every server session of the store, as a server
// restart does, and expects the pool to replace the dead connections by
// itself.
func TestReconnect(t *testing.T) {
	ctx := context.Background()
	url := storetest.PostgresURL(t)
	db := MustOpen(t, url, nil)
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	storetest.MustCreateTag(t, db, &warta.Tag{Slug: "banjir", Name: "Banjir"})
	other := MustOpen(t, url, nil)
	if _, err := other.WriteDB().ExecContext(ctx, `
		SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid()`); err != nil {
		t.Fatalf("terminate sessions: %v", err)
	}
	if err := db.Ping(ctx); err != nil {
		t.Fatalf("Ping after the server dropped the connections: %v", err)
	}
	if _, err := db.TagBySlug(ctx, "banjir"); err != nil {
		t.Fatalf("TagBySlug after the server dropped the connections: %v", err)
	}
}

// TestRateLimiterTwoProcesses races Allow on one key through two stores
// with their own pools on one database, as two Warta processes would:
// exactly one call may win.
func TestRateLimiterTwoProcesses(t *testing.T) {
	url := storetest.PostgresURL(t)
	clock := func() time.Time { return storetest.Start }
	a := MustOpen(t, url, clock)
	if _, err := a.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	b := MustOpen(t, url, clock)
	for i := range 10 {
		key := fmt.Sprintf("comment-ip:203.0.113.%d", i)
		if got := storetest.RaceAllow(t, []warta.RateLimiter{a, b}, key, time.Minute, 4); got != 1 {
			t.Errorf("two processes racing on %q: %d allowed, want exactly 1", key, got)
		}
	}
}

// TestInitSettingTwoProcesses starts InitSetting with different values
// from two stores at once, as two processes generating the site secret
// do: both must return the same, stored value.
func TestInitSettingTwoProcesses(t *testing.T) {
	ctx := context.Background()
	url := storetest.PostgresURL(t)
	a := MustOpen(t, url, nil)
	if _, err := a.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	b := MustOpen(t, url, nil)
	for i := range 10 {
		key := fmt.Sprintf("secret-%d", i)
		var got [2]string
		var errs [2]error
		var wg sync.WaitGroup
		start := make(chan struct{})
		for j, db := range []*postgres.DB{a, b} {
			wg.Go(func() {
				<-start
				got[j], errs[j] = db.InitSetting(ctx, key, fmt.Sprintf("value-%d", j))
			})
		}
		close(start)
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatalf("InitSetting: %v, %v", errs[0], errs[1])
		}
		if got[0] != got[1] {
			t.Errorf("%s: the processes got %q and %q, want the same value", key, got[0], got[1])
		}
	}
}

// TestPublishDueTwoProcesses races PublishDue through two stores with
// their own pools on one database, as two Warta processes would: each
// due article must be published by exactly one call.
func TestPublishDueTwoProcesses(t *testing.T) {
	url := storetest.PostgresURL(t)
	clock := func() time.Time { return storetest.Start }
	a := MustOpen(t, url, clock)
	if _, err := a.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	b := MustOpen(t, url, clock)
	due := storetest.MustCreateScheduled(t, a, "dua-proses", 20, storetest.Start.Add(-time.Minute))
	seen := storetest.RacePublishDue(t, []warta.ArticleStore{a, b}, storetest.Start, 4)
	for _, art := range due {
		if seen[art.ID] != 1 {
			t.Errorf("article %d published %d times across processes, want exactly once", art.ID, seen[art.ID])
		}
	}
	if len(seen) != len(due) {
		t.Errorf("%d articles published, want %d", len(seen), len(due))
	}
}

// TestEditConflictTwoProcesses saves the same revision of one article
// from two stores with their own pools at once, many times over: exactly
// one save may win each round.
func TestEditConflictTwoProcesses(t *testing.T) {
	ctx := context.Background()
	url := storetest.PostgresURL(t)
	a := MustOpen(t, url, nil)
	if _, err := a.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	b := MustOpen(t, url, nil)
	art := storetest.MustCreateScheduled(t, a, "sunting", 1, storetest.Start)[0]
	for round := range 10 {
		var errs [2]error
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i, db := range []*postgres.DB{a, b} {
			c := *art
			c.Headline = fmt.Sprintf("Ronde %d proses %d", round, i)
			wg.Go(func() {
				<-start
				errs[i] = db.UpdateArticle(ctx, &c)
			})
		}
		close(start)
		wg.Wait()
		wins := 0
		for _, err := range errs {
			switch warta.ErrorCode(err) {
			case "":
				wins++
			case warta.ECONFLICT:
			default:
				t.Fatalf("round %d: UpdateArticle: %v", round, err)
			}
		}
		if wins != 1 {
			t.Fatalf("round %d: %d saves won, want exactly 1", round, wins)
		}
		got, err := a.ArticleByID(ctx, art.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Revision != art.Revision+1 {
			t.Fatalf("round %d: Revision = %d, want %d", round, got.Revision, art.Revision+1)
		}
		art = got
	}
}
