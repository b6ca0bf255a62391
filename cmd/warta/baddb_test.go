package main

import (
	"database/sql"
	"strings"
	"testing"

	"warta/storetest"
)

// TestServeRefusesForeignDatabase points serve at a PostgreSQL database
// that holds another program's tables: it must stop with a message that
// says what to do, and add nothing to that database.
func TestServeRefusesForeignDatabase(t *testing.T) {
	dbURL := storetest.PostgresURL(t)
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustExec(t, db, `CREATE TABLE pelanggan (id int PRIMARY KEY, nama text)`)

	code, _, errOut := cli(t, "serve", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--database", dbURL)
	if code == 0 {
		t.Fatal("serve on another program's database started, want a refusal")
	}
	for _, want := range []string{"did not make", "pelanggan", "empty database", "--database"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("serve's error %q does not say %q", errOut, want)
		}
	}
	var tables string
	if err := db.QueryRow(`SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = current_schema()`).Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables != "pelanggan" {
		t.Errorf("tables after the refusal = %s, want only pelanggan", tables)
	}
}
