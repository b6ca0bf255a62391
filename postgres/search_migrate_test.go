package postgres

import (
	"context"
	"testing"
	"time"

	"warta"
	"warta/sqlstore"
	"warta/storetest"
)

// TestMigrateFillsSearchIndex migrates a database with articles from
// 0004 to the end: 0005 creates an empty index, which Migrate must fill
// (the stemming is done in Go), so an upgraded site is searchable at once.
func TestMigrateFillsSearchIndex(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, storetest.PostgresURL(t), nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	all, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var before []sqlstore.Migration
	for _, m := range all {
		if m.Version < 5 {
			before = append(before, m)
		}
	}
	conn, err := db.WriteDB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlstore.Migrate(ctx, conn, dialect, nil, "TIMESTAMPTZ", before); err != nil {
		t.Fatalf("Migrate to 0004: %v", err)
	}
	for _, q := range []string{
		`INSERT INTO sections (id, slug, name) VALUES (1, 'nasional', 'Nasional')`,
		`INSERT INTO articles (id, slug, headline, body_html, status, section_id, published_at, created_at, updated_at)
			VALUES (1, 'banjir-demak', 'Banjir Demak', '<p>Relawan membantu warga.</p>', 'published', 1, '2024-06-19T07:05:00Z', now(), now()),
			       (2, 'draf', 'Draf', '', 'draft', 1, NULL, now(), now())`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close()

	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	var n int
	if err := db.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM search_index`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("search_index rows = %d, %v; want 2 (every article)", n, err)
	}
	q := warta.SearchQuery{Lang: "id", Terms: []warta.SearchTerm{{Words: []string{"bantu"}}}}
	list, total, err := db.Search(ctx, q, time.Date(2024, 6, 20, 0, 0, 0, 0, time.UTC), 0, 10)
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	if total != 1 || len(list) != 1 || list[0].Slug != "banjir-demak" {
		t.Errorf("Search after upgrade = %d articles (total %d), want banjir-demak", len(list), total)
	}
}
