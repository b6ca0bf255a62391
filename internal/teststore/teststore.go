// Package teststore opens Warta's real databases for the tests of the
// packages above the store: a new SQLite file in a temporary folder, or
// a new database on the PostgreSQL that package storetest runs (the
// test binary's TestMain must be storetest.Main). Handler tests run the
// same on both, since the SQL under them differs.
package teststore

import (
	"context"
	"testing"
	"time"

	"warta"
	"warta/postgres"
	"warta/sqlite"
	"warta/storetest"
)

// Kinds are the databases Open knows, in the order Each runs them.
var Kinds = []string{"sqlite", "postgres"}

// Open returns a new, migrated store of kind ("sqlite" or "postgres"),
// closed when the test ends. now is the store's clock; nil means
// time.Now.
func Open(t testing.TB, kind string, now warta.Clock) warta.Store {
	t.Helper()
	if now == nil {
		now = time.Now
	}
	ctx := context.Background()
	var st interface {
		warta.Store
		Migrate(context.Context) ([]string, error)
		Close() error
	}
	var err error
	switch kind {
	case "sqlite":
		st, err = sqlite.Open(ctx, t.TempDir(), now)
	case "postgres":
		st, err = postgres.Open(ctx, storetest.PostgresURL(t), now)
	default:
		t.Fatalf("teststore: unknown database %q; use one of %v", kind, Kinds)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// Each runs test once per kind of database, as subtests named after it.
func Each(t *testing.T, test func(t *testing.T, kind string)) {
	t.Helper()
	for _, kind := range Kinds {
		t.Run(kind, func(t *testing.T) { test(t, kind) })
	}
}
