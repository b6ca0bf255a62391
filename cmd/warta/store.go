package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"warta"
	"warta/postgres"
	"warta/sqlite"
)

// store is a warta.Store that can also bring its own schema up to date.
type store interface {
	warta.Store
	Migrate(ctx context.Context) ([]string, error)
}

// isPostgres reports whether a --database value names PostgreSQL.
func isPostgres(database string) bool {
	return strings.HasPrefix(database, "postgres://") || strings.HasPrefix(database, "postgresql://")
}

// openStore opens the database that s names. Its errors are one line an
// operator can act on.
func openStore(ctx context.Context, s siteFlags, now warta.Clock) (store, error) {
	switch {
	case s.Database == "":
		return sqlite.Open(ctx, s.Data, now)
	case isPostgres(s.Database):
		return postgres.Open(ctx, s.Database, now)
	default:
		scheme := "no scheme"
		if u, err := url.Parse(s.Database); err == nil && u.Scheme != "" {
			scheme = "scheme " + u.Scheme
		}
		return nil, fmt.Errorf("--database (WARTA_DATABASE_URL) must be empty for SQLite or a postgres:// URL; it has %s", scheme)
	}
}

func asWartaError(err error, target **warta.Error) bool { return errors.As(err, target) }
