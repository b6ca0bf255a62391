package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"warta/storetest"
)

// TestStatementCache runs the same SQL text again and again on one
// connection of the handle that keeps prepared statements: inside a
// transaction, after a failed run, and while the rows of an earlier run
// of the same text are still open (which must not run through the kept
// statement, whose rows are being read). Every answer must be what the
// uncached driver would give, and the count of statements must still see
// every run.
func TestStatementCache(t *testing.T) {
	db := MustOpenMigrated(t, storetest.Clock(t))
	ctx := context.Background()
	tx, err := db.WriteDB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE cache_probe (n INTEGER PRIMARY KEY, word TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	before := db.QueryCount()
	const insert = `INSERT INTO cache_probe (n, word) VALUES (?, ?)`
	for n := 1; n <= 5; n++ {
		if _, err := tx.ExecContext(ctx, insert, n, fmt.Sprint("w", n)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := tx.ExecContext(ctx, insert, 3, "again"); err == nil {
		t.Fatal("a duplicate key was inserted")
	}
	if _, err := tx.ExecContext(ctx, insert, 6, "w6"); err != nil {
		t.Fatalf("the statement does not run again after it failed: %v", err)
	}
	if got := db.QueryCount() - before; got != 7 {
		t.Errorf("counted %d statements, ran 7", got)
	}

	const pick = `SELECT word FROM cache_probe WHERE n >= ? ORDER BY n`
	outer, err := tx.QueryContext(ctx, pick, 5)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for outer.Next() {
		var w string
		if err := outer.Scan(&w); err != nil {
			t.Fatal(err)
		}
		got = append(got, w)
		// The same text while outer is open.
		inner, err := tx.QueryContext(ctx, pick, 1)
		if err != nil {
			t.Fatal(err)
		}
		var all int
		for inner.Next() {
			all++
		}
		if err := inner.Close(); err != nil {
			t.Fatal(err)
		}
		if all != 6 {
			t.Errorf("the inner query found %d rows, want 6", all)
		}
	}
	if err := outer.Err(); err != nil {
		t.Fatal(err)
	}
	outer.Close()
	if fmt.Sprint(got) != "[w5 w6]" {
		t.Errorf("the outer query found %v, want [w5 w6]", got)
	}
	// Closed rows free the statement for the next run.
	for range 3 {
		var w string
		if err := tx.QueryRowContext(ctx, pick, 6).Scan(&w); err != nil || w != "w6" {
			t.Fatalf("after the rows were closed: %q, %v", w, err)
		}
	}
}
