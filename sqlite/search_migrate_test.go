package sqlite

import (
	"context"
	"testing"
	"time"

	"warta"
	"warta/sqlstore"
)

// TestMigrateFillsSearchIndex migrates a database with articles from
// 0004 to the end: 0005 creates an empty index, which Migrate must fill
// (SQL cannot stem), so an upgraded site is searchable at once.
func TestMigrateFillsSearchIndex(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, t.TempDir(), nil)
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
	if _, err := sqlstore.Migrate(ctx, conn, dialect, nil, "TEXT", before); err != nil {
		t.Fatalf("Migrate to 0004: %v", err)
	}
	now := time.Date(2024, 6, 19, 7, 5, 0, 0, time.UTC).Format(timeLayout)
	for _, q := range []string{
		`INSERT INTO sections (id, slug, name) VALUES (1, 'nasional', 'Nasional')`,
		`INSERT INTO articles (id, slug, headline, body_html, status, section_id, published_at, created_at, updated_at)
			VALUES (1, 'banjir-demak', 'Banjir Demak', '<p>Relawan membantu warga.</p>', 'published', 1, '` + now + `', '` + now + `', '` + now + `'),
			       (2, 'draf', 'Draf', '', 'draft', 1, NULL, '` + now + `', '` + now + `')`,
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
	if err := db.ReadDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM search_id`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("search_id rows = %d, %v; want 2 (every article)", n, err)
	}
	q := warta.SearchQuery{Lang: "id", Terms: []warta.SearchTerm{{Words: []string{"bantu"}}}}
	list, total, err := db.Search(ctx, q, time.Date(2024, 6, 20, 0, 0, 0, 0, time.UTC), 0, 10)
	if err != nil {
		t.Fatalf("Search: %v", err)
	}
	if total != 1 || len(list) != 1 || list[0].Slug != "banjir-demak" {
		t.Errorf("Search after upgrade = %d articles (total %d), want banjir-demak", len(list), total)
	}

	// A row lost some other way is put back by the next Migrate.
	if _, err := db.WriteDB().ExecContext(ctx, `DELETE FROM search_id WHERE rowid = 1`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	if _, total, err := db.Search(ctx, q, time.Date(2024, 6, 20, 0, 0, 0, 0, time.UTC), 0, 10); err != nil || total != 1 {
		t.Errorf("Search after a second Migrate: total %d, %v; want 1", total, err)
	}
}
