package sitecopy

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"warta"
	"warta/postgres"
	"warta/sqlite"
	"warta/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

func openSQLite(t *testing.T, dir string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(t.Context(), dir, storetest.Clock(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openPostgres(t *testing.T, url string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(t.Context(), url, storetest.Clock(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func migrated[S Store](t *testing.T, st S) S {
	t.Helper()
	if _, err := st.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return st
}

// TestEveryTableIsKnown fails when a migration adds a table that the
// copier's list (catalog.go) does not name: such a table would otherwise
// be refused by every copy, or worse, forgotten.
func TestEveryTableIsKnown(t *testing.T) {
	check := func(t *testing.T, st Store, pg bool) {
		s, err := readSchema(t.Context(), st.ReadDB(), pg)
		if err != nil {
			t.Fatal(err)
		}
		if u := s.unknown(); len(u) > 0 {
			t.Errorf("tables the copier does not know: %v; add them to tables in catalog.go", u)
		}
		for name, tb := range s.tables {
			if tables[name].policy == copyRows && len(tb.key) == 0 {
				t.Errorf("table %s has no primary key: the copier reads rows in key order", name)
			}
		}
		if _, ok := s.tables["articles"]; !ok {
			t.Fatalf("the catalogue lists no articles table: %v", s.tables)
		}
	}
	t.Run("sqlite", func(t *testing.T) { check(t, migrated(t, openSQLite(t, t.TempDir())), false) })
	t.Run("postgres", func(t *testing.T) { check(t, migrated(t, openPostgres(t, storetest.PostgresURL(t))), true) })
}

// TestCopyBothWays copies a site with every kind of row from SQLite into
// PostgreSQL and from there into a second SQLite file, and checks that
// every table arrives whole, that the stores read the same site back,
// and that sessions stay behind.
func TestCopyBothWays(t *testing.T) {
	ctx := t.Context()
	a := migrated(t, openSQLite(t, t.TempDir()))
	storetest.MustFillSite(t, a, "a")
	want, err := Checksums(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range want {
		if s.Rows == 0 {
			t.Errorf("the fixture leaves table %s empty: the test would not see it copied", s.Name)
		}
	}

	pg := openPostgres(t, storetest.PostgresURL(t))
	rep, err := Copy(ctx, a, pg, Options{})
	if err != nil {
		t.Fatalf("SQLite → PostgreSQL: %v", err)
	}
	if err := Compare(want, rep.Tables); err != nil {
		t.Errorf("report: %v", err)
	}
	got, err := Checksums(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	if err := Compare(want, got); err != nil {
		t.Errorf("PostgreSQL after the copy: %v", err)
	}
	sameSite(t, a, pg)
	if n := count(t, pg, "sessions"); n != 0 {
		t.Errorf("%d sessions copied, want none", n)
	}
	// New rows get new IDs: the sequences were moved past the copied ones.
	sec := &warta.Section{Slug: "baru", Name: "Baru"}
	if err := pg.CreateSection(ctx, sec); err != nil {
		t.Fatalf("a new section after the copy: %v", err)
	}
	// Search works on the copy (its index was rebuilt).
	if _, n, err := pg.Search(ctx, warta.SearchQuery{Terms: []warta.SearchTerm{{Words: []string{"banjir"}}}, Lang: "id"}, storetest.Start, 0, 10); err != nil || n == 0 {
		t.Errorf("Search(banjir) on the copy = %d results, %v; want some", n, err)
	}
	if _, err := pg.ReadDB().ExecContext(ctx, `DELETE FROM sections WHERE slug = 'baru'`); err != nil {
		t.Fatal(err)
	}
	// and the change-log row the new section left
	if _, err := pg.ReadDB().ExecContext(ctx, `DELETE FROM changes WHERE id = (SELECT MAX(id) FROM changes)`); err != nil {
		t.Fatal(err)
	}

	b := openSQLite(t, t.TempDir())
	if _, err := Copy(ctx, pg, b, Options{}); err != nil {
		t.Fatalf("PostgreSQL → SQLite: %v", err)
	}
	got, err = Checksums(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	if err := Compare(want, got); err != nil {
		t.Errorf("SQLite after the round trip: %v", err)
	}
	sameSite(t, a, b)
	if _, n, err := b.Search(ctx, warta.SearchQuery{Terms: []warta.SearchTerm{{Words: []string{"banjir"}}}, Lang: "id"}, storetest.Start, 0, 10); err != nil || n == 0 {
		t.Errorf("Search(banjir) on the round trip = %d results, %v; want some", n, err)
	}
}

// sameSite compares what the two stores tell a reader and the newsroom.
func sameSite(t *testing.T, want, got warta.Store) {
	t.Helper()
	ctx := t.Context()
	wa, wn, err := want.Articles(ctx, warta.ArticleFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	ga, gn, err := got.Articles(ctx, warta.ArticleFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if wn != gn || len(wa) != len(ga) {
		t.Fatalf("articles: %d in the copy, want %d", gn, wn)
	}
	for i := range wa {
		w, g := wa[i], ga[i]
		if w.ID != g.ID || w.Slug != g.Slug || w.Headline != g.Headline || w.BodyHTML != g.BodyHTML || w.Status != g.Status ||
			!w.PublishedAt.Equal(g.PublishedAt) || !w.UpdatedAt.Equal(g.UpdatedAt) || !w.RevisedAt.Equal(g.RevisedAt) ||
			w.CommentsOpen != g.CommentsOpen || w.Revision != g.Revision || w.LeadImage.MediaID != g.LeadImage.MediaID ||
			len(w.Tags) != len(g.Tags) || len(w.Authors) != len(g.Authors) || w.CommentCount != g.CommentCount {
			t.Errorf("article %d differs:\n got %+v\nwant %+v", w.ID, g, w)
		}
	}
	wc, _, err := want.Comments(ctx, warta.CommentFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	gc, _, err := got.Comments(ctx, warta.CommentFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(wc) != len(gc) {
		t.Fatalf("comments: %d in the copy, want %d", len(gc), len(wc))
	}
	for i := range wc {
		if *wc[i] != *gc[i] {
			t.Errorf("comment differs:\n got %+v\nwant %+v", gc[i], wc[i])
		}
	}
	wu, _ := want.Users(ctx)
	gu, _ := got.Users(ctx)
	if len(wu) != len(gu) {
		t.Fatalf("users: %d in the copy, want %d", len(gu), len(wu))
	}
	for i := range wu {
		if *wu[i] != *gu[i] {
			t.Errorf("user differs:\n got %+v\nwant %+v", gu[i], wu[i])
		}
	}
	ws, _ := want.SettingValues(ctx)
	gs, _ := got.SettingValues(ctx)
	if len(ws) != len(gs) {
		t.Errorf("settings: %v in the copy, want %v", gs, ws)
	}
	for k, v := range ws {
		if gs[k] != v {
			t.Errorf("setting %s = %q in the copy, want %q", k, gs[k], v)
		}
	}
	wl, wlc, _ := want.MediaList(ctx, 0, 10)
	gl, glc, _ := got.MediaList(ctx, 0, 10)
	if wlc != glc || len(wl) != len(gl) || (len(wl) > 0 && (wl[0].Hash != gl[0].Hash || len(wl[0].Variants) != len(gl[0].Variants))) {
		t.Errorf("media library differs: got %d, want %d", glc, wlc)
	}
	wr, _ := want.Revisions(ctx, wa[len(wa)-1].ID)
	gr, _ := got.Revisions(ctx, wa[len(wa)-1].ID)
	if len(wr) != len(gr) {
		t.Errorf("revisions: %d in the copy, want %d", len(gr), len(wr))
	}
}

func count(t *testing.T, st Store, table string) int {
	t.Helper()
	var n int
	if err := st.ReadDB().QueryRowContext(t.Context(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCopyRefusesNonEmpty: a target that holds a site is left alone
// unless Force, which replaces what it held.
func TestCopyRefusesNonEmpty(t *testing.T) {
	ctx := t.Context()
	src := migrated(t, openSQLite(t, t.TempDir()))
	storetest.MustFillSite(t, src, "a")
	dst := migrated(t, openPostgres(t, storetest.PostgresURL(t)))
	storetest.MustFillSite(t, dst, "b")
	before, err := Checksums(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Copy(ctx, src, dst, Options{})
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("Copy into a site = %v, want ErrNotEmpty", err)
	}
	after, err := Checksums(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	if err := Compare(before, after); err != nil {
		t.Errorf("a refused copy changed the target: %v", err)
	}

	if _, err := Copy(ctx, src, dst, Options{Force: true}); err != nil {
		t.Fatalf("Copy with Force: %v", err)
	}
	want, _ := Checksums(ctx, src)
	got, _ := Checksums(ctx, dst)
	if err := Compare(want, got); err != nil {
		t.Errorf("after Force: %v", err)
	}
	if n := count(t, dst, "sessions"); n != 0 {
		t.Errorf("Force left %d of the target's sessions", n)
	}
}

// TestCopyRefusesForeignDatabase: a database holding another program's
// tables gets nothing written, not even Warta's schema.
func TestCopyRefusesForeignDatabase(t *testing.T) {
	ctx := t.Context()
	src := migrated(t, openSQLite(t, t.TempDir()))
	dst := openPostgres(t, storetest.PostgresURL(t))
	if _, err := dst.WriteDB().ExecContext(ctx, `CREATE TABLE invoices (id INT PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	_, err := Copy(ctx, src, dst, Options{})
	if !errors.Is(err, ErrForeign) || !strings.Contains(err.Error(), "invoices") {
		t.Fatalf("Copy into another program's database = %v, want ErrForeign naming invoices", err)
	}
	names, err := strs(ctx, dst.ReadDB(), `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, []string{"invoices"}) {
		t.Errorf("tables after the refused copy: %v, want only invoices", names)
	}
}

// TestCopyRefusesNewerSchema: a site migrated by a newer Warta (a
// schema version this one lacks) is not copied half-understood.
func TestCopyRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	src := migrated(t, openSQLite(t, t.TempDir()))
	if _, err := src.WriteDB().ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', '2030-01-01T00:00:00.000000Z')`); err != nil {
		t.Fatal(err)
	}
	dst := openSQLite(t, t.TempDir())
	if _, err := Copy(ctx, src, dst, Options{}); err == nil || !strings.Contains(err.Error(), "9999") {
		t.Fatalf("Copy of a newer schema = %v, want a refusal naming 9999", err)
	}
}

// TestChecksumSeesOneChangedValue: the verification is not vacuous: one
// character in one row, or a NULL that becomes ”, changes the table's
// checksum though not its count.
func TestChecksumSeesOneChangedValue(t *testing.T) {
	ctx := t.Context()
	st := migrated(t, openSQLite(t, t.TempDir()))
	storetest.MustFillSite(t, st, "a")
	before, err := Checksums(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	for _, change := range []struct{ table, sql string }{
		{"comments", `UPDATE comments SET content = content || '.' WHERE id = (SELECT MIN(id) FROM comments)`},
		{"audit_log", `UPDATE audit_log SET detail = '' WHERE detail = 'tes'`},
		{"articles", `UPDATE articles SET owner_id = NULL WHERE id = (SELECT MAX(id) FROM articles)`},
	} {
		if _, err := st.WriteDB().ExecContext(ctx, change.sql); err != nil {
			t.Fatal(err)
		}
		after, err := Checksums(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		err = Compare(before, after)
		if err == nil || !strings.Contains(err.Error(), change.table+" has") || !strings.Contains(err.Error(), "content differs") {
			t.Errorf("after %s: Compare = %v, want the content of %s to differ", change.sql, err, change.table)
		}
		before = after
	}
}
