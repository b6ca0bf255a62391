package search_test

import (
	"bufio"
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"warta/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// MustOpenPostgres returns a connection to a new throw-away PostgreSQL
// database, closed when tb ends; it skips tb when PostgreSQL is absent
// (and fails it under WARTA_REQUIRE_POSTGRES=1).
func MustOpenPostgres(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("pgx", storetest.PostgresURL(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		tb.Fatal(err)
	}
	return db
}

// MustReadWords returns the words of a testdata list, one a line,
// without blank lines and # comments.
func MustReadWords(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var words []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		words = append(words, line)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return words
}

// lexize returns PostgreSQL's stem of word by dictionary dict, and
// false when the dictionary drops the word as a stop word.
func lexize(tb testing.TB, db *sql.DB, dict, word string) (string, bool) {
	tb.Helper()
	var lexemes []string
	// ts_lexize returns text[]; array_to_string keeps the driver simple.
	var joined sql.NullString
	err := db.QueryRow(`SELECT array_to_string(ts_lexize($1::regdictionary, $2), ' ')`, dict, word).Scan(&joined)
	if err != nil {
		tb.Fatalf("ts_lexize(%s, %q): %v", dict, word, err)
	}
	if joined.String != "" {
		lexemes = strings.Fields(joined.String)
	}
	if len(lexemes) == 0 {
		return "", false
	}
	if len(lexemes) > 1 {
		tb.Fatalf("ts_lexize(%s, %q) = %q: want one lexeme", dict, word, lexemes)
	}
	return lexemes[0], true
}
