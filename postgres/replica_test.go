package postgres_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/storetest"
)

// TestReadReplica stands a second database on the same throw-away server
// in for a streaming replica (setting one up would cost the tests more
// than it proves about Warta: the store only chooses a handle). Each
// holds a section of a different name, so a read shows where it went.
func TestReadReplica(t *testing.T) {
	primaryURL, replicaURL := storetest.PostgresURL(t), storetest.PostgresURL(t)
	db := MustOpen(t, primaryURL, nil)
	if _, err := db.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	rep := MustOpen(t, replicaURL, nil)
	if _, err := rep.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	storetest.MustCreateSection(t, db, &warta.Section{Slug: "utama", Name: "Dari primer"})
	storetest.MustCreateSection(t, rep, &warta.Section{Slug: "utama", Name: "Dari replika"})

	if ok, err := db.OpenReplica(t.Context(), replicaURL); !ok || err != nil {
		t.Fatalf("OpenReplica = %v, %v", ok, err)
	}
	public := warta.WithReplicaReads(t.Context())
	from := func(ctx context.Context) string {
		t.Helper()
		list, err := db.Sections(ctx)
		if err != nil {
			t.Fatalf("Sections: %v", err)
		}
		if len(list) != 1 {
			t.Fatalf("Sections = %d, want 1", len(list))
		}
		return list[0].Name
	}
	if got := from(public); got != "Dari replika" {
		t.Errorf("a public read came from %q, want the replica", got)
	}
	if got := from(t.Context()); got != "Dari primer" {
		t.Errorf("an unmarked read (newsroom, sessions) came from %q, want the primary", got)
	}
	// Writes always go to the primary.
	storetest.MustCreateSection(t, db, &warta.Section{Slug: "kedua", Name: "Kedua"})
	if list, _ := rep.Sections(t.Context()); len(list) != 1 {
		t.Errorf("a write reached the replica")
	}

	// The replica goes away: reads fall back to the primary, and return
	// to the replica when it answers again.
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go db.WatchReplica(ctx, 100*time.Millisecond, nil)
	admin := db.WriteDB() // the primary's database, on the same server
	name := replicaURL[strings.LastIndex(replicaURL, "/")+1:]
	name = name[:strings.Index(name, "?")]
	if _, err := admin.Exec(`ALTER DATABASE ` + name + ` ALLOW_CONNECTIONS false`); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, name); err != nil {
		t.Fatal(err)
	}
	// Articles reads in a transaction: starting one on the dead replica
	// falls back at once, before the watcher noticed.
	if _, _, err := db.Articles(public, warta.ArticleFilter{}); err != nil {
		t.Errorf("Articles with the replica gone: %v, want the primary's answer", err)
	}
	waitFor(t, "public reads to fall back to the primary", func() bool {
		list, err := db.Sections(public)
		return err == nil && len(list) == 2
	})
	if _, err := admin.Exec(`ALTER DATABASE ` + name + ` ALLOW_CONNECTIONS true`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "public reads to return to the replica", func() bool {
		list, err := db.Sections(public)
		return err == nil && len(list) == 1 && list[0].Name == "Dari replika"
	})
}

// TestReadReplicaUnreachableAtStart: a replica that does not answer
// when Warta starts is reported, not fatal, and reads go to the primary.
func TestReadReplicaUnreachableAtStart(t *testing.T) {
	db := MustOpenMigrated(t, nil)
	storetest.MustCreateSection(t, db, &warta.Section{Slug: "utama", Name: "Dari primer"})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ok, err := db.OpenReplica(t.Context(), "postgres://warta:pw@"+addr+"/warta?sslmode=disable")
	if !ok || err == nil || !strings.Contains(err.Error(), addr) {
		t.Fatalf("OpenReplica on a closed port = %v, %v; want usable, with an error naming the address", ok, err)
	}
	list, err := db.Sections(warta.WithReplicaReads(t.Context()))
	if err != nil || len(list) != 1 || list[0].Name != "Dari primer" {
		t.Errorf("public read with the replica down = %v, %v; want the primary's section", list, err)
	}
	if ok, _ := db.OpenReplica(t.Context(), "postgres://x:y@:notaport/z"); ok {
		t.Error("OpenReplica with an unreadable URL is usable, want it refused")
	}
}
