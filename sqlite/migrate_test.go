package sqlite

import (
	"context"
	"testing"
	"time"

	"warta/sqlstore"
)

// TestMigrateRebuildKeepsData fills a database at schema 0003, then
// applies the rest. 0004 rebuilds articles (SQLite cannot change a
// CHECK), and with foreign keys on, dropping the old table would cascade
// into every table that refers to it; the slugs, links and comments must
// all survive, the foreign keys must still hold, and the new statuses
// must be allowed.
func TestMigrateRebuildKeepsData(t *testing.T) {
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
		if m.Version < 4 {
			before = append(before, m)
		}
	}
	conn, err := db.WriteDB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlstore.Migrate(ctx, conn, dialect, nil, "TEXT", before); err != nil {
		t.Fatalf("Migrate to 0003: %v", err)
	}
	now := time.Date(2024, 6, 19, 7, 5, 0, 0, time.UTC).Format(timeLayout)
	for _, q := range []string{
		`INSERT INTO sections (id, slug, name) VALUES (1, 'nasional', 'Nasional')`,
		`INSERT INTO tags (id, slug, name) VALUES (1, 'banjir', 'Banjir')`,
		`INSERT INTO authors (id, slug, name) VALUES (1, 'rina', 'Rina'), (2, 'budi', 'Budi')`,
		`INSERT INTO articles (id, slug, headline, status, section_id, published_at, created_at, updated_at)
			VALUES (1, 'banjir-demak', 'Banjir Demak', 'published', 1, '` + now + `', '` + now + `', '` + now + `'),
			       (2, 'draf', 'Draf', 'draft', 1, NULL, '` + now + `', '` + now + `')`,
		`INSERT INTO article_slugs (slug, article_id) VALUES ('banjir-demak', 1), ('banjir-lama', 1), ('draf', 2)`,
		`INSERT INTO article_tags (article_id, tag_id, position) VALUES (1, 1, 0)`,
		`INSERT INTO article_authors (article_id, author_id, position) VALUES (1, 2, 0), (1, 1, 1), (2, 1, 0)`,
		`INSERT INTO comments (id, article_id, parent_id, depth, author_name, author_email, content, status, nonce, created_at, updated_at)
			VALUES (1, 1, NULL, 0, 'A', 'a@example.id', 'Akar', 'approved', 'n1', '` + now + `', '` + now + `'),
			       (2, 1, 1, 1, 'B', 'b@example.id', 'Balasan', 'approved', NULL, '` + now + `', '` + now + `'),
			       (3, 1, 2, 2, 'C', 'c@example.id', 'Balasan lagi', 'pending', NULL, '` + now + `', '` + now + `')`,
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	conn.Close()

	applied, err := db.Migrate(ctx)
	if err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if len(applied) == 0 || applied[0] != "0004_newsroom.sql" {
		t.Fatalf("Migrate applied %v, want it to start with 0004_newsroom.sql", applied)
	}

	counts := map[string]int{
		"articles": 2, "article_slugs": 3, "article_tags": 1, "article_authors": 3,
		"comments": 3, "revisions": 2,
	}
	for table, want := range counts {
		var got int
		if err := db.WriteDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&got); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		if got != want {
			t.Errorf("%s rows after 0004 = %d, want %d", table, got, want)
		}
	}
	rows, err := db.WriteDB().QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, parent string
		var rowid, fkid any
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			t.Fatal(err)
		}
		t.Errorf("foreign_key_check: %s row %v breaks its reference to %s", table, rowid, parent)
	}
	rows.Close()
	var check string
	if err := db.WriteDB().QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check = %q, %v; want ok", check, err)
	}
	// The children still point at the rebuilt table by name, and its
	// cascade still works.
	a, err := db.ArticleBySlug(ctx, "banjir-lama")
	if err != nil {
		t.Fatalf("ArticleBySlug(former slug): %v", err)
	}
	if a.ID != 1 || len(a.Authors) != 2 || a.Authors[0].Slug != "budi" || len(a.Tags) != 1 || a.CommentCount != 2 || a.Revision != 1 {
		t.Errorf("migrated article = %+v, want ID 1 by budi and rina, one tag, 2 approved comments, revision 1", a)
	}
	if _, err := db.WriteDB().ExecContext(ctx, `UPDATE articles SET status = 'scheduled' WHERE id = 2`); err != nil {
		t.Errorf("the rebuilt CHECK refuses status scheduled: %v", err)
	}
	if _, err := db.WriteDB().ExecContext(ctx, `UPDATE articles SET status = 'archived' WHERE id = 2`); err == nil {
		t.Error("the rebuilt CHECK allows status archived")
	}
	if err := db.DeleteArticle(ctx, 1); err != nil {
		t.Fatalf("DeleteArticle: %v", err)
	}
	for table, want := range map[string]int{"comments": 0, "article_slugs": 1, "article_authors": 1, "revisions": 1} {
		var got int
		if err := db.WriteDB().QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s rows after deleting the migrated article = %d, want %d (cascade)", table, got, want)
		}
	}
}
