package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"warta"
)

// Migration is one numbered schema change, read from a file named
// NNNN_name.sql.
type Migration struct {
	Version int    // the NNNN prefix
	Name    string // the file name, "0001_init.sql"
	SQL     string
}

// Migrations reads the NNNN_name.sql files in dir of fsys, sorted by
// version. Two files with one version are an error, caught by tests long
// before an operator sees it.
func Migrations(fsys fs.FS, dir string) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []Migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		prefix, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(prefix)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", name)
		}
		if other, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", other, name, v)
		}
		seen[v] = name
		b, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		out = append(out, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// createMigrationsTable is portable: both databases accept it. applied_at
// uses the dialect's time form like every other timestamp.
const createMigrationsTable = `
	CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at %s NOT NULL
	)`

// Migrate applies the migrations that conn's database has not recorded,
// in version order, each in its own transaction together with its row in
// schema_migrations, and returns the names it applied.
//
// Callers make it safe against other processes migrating at once:
// SQLite by beginning every transaction IMMEDIATE (the write lock is
// taken before schema_migrations is read, so a second migrator waits and
// then finds the version applied), PostgreSQL by holding an advisory lock
// on conn around the call. timeType is the column type for applied_at.
func Migrate(ctx context.Context, conn *sql.Conn, d Dialect, now warta.Clock, timeType string, migrations []Migration) ([]string, error) {
	if now == nil {
		now = time.Now
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(createMigrationsTable, timeType)); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	var applied []string
	for _, m := range migrations {
		done, err := migrateOne(ctx, conn, d, Normalize(now()), m)
		if err != nil {
			return applied, err
		}
		if done {
			applied = append(applied, m.Name)
		}
	}
	return applied, nil
}

// migrateOne applies m unless it is recorded, and reports whether it did.
// The check sits inside the transaction so that it sees what another
// migrator committed while this one waited for the lock.
func migrateOne(ctx context.Context, conn *sql.Conn, d Dialect, now time.Time, m Migration) (bool, error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migration %s: begin: %w", m.Name, err)
	}
	defer tx.Rollback()

	var n int
	if err := tx.QueryRowContext(ctx, d.Rebind(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), m.Version).Scan(&n); err != nil {
		return false, fmt.Errorf("migration %s: check: %w", m.Name, err)
	}
	if n > 0 {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return false, fmt.Errorf("migration %s failed, nothing of it was applied: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, d.Rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
		m.Version, m.Name, d.arg(now)); err != nil {
		return false, fmt.Errorf("migration %s: record: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migration %s: commit: %w", m.Name, err)
	}
	return true, nil
}

// Pending returns the names of the migrations that db has not recorded,
// in the order Migrate would apply them. It only reads, so serve can
// call it to tell an operator to run "warta migrate".
func Pending(ctx context.Context, db *sql.DB, d Dialect, migrations []Migration) ([]string, error) {
	var one int
	err := db.QueryRowContext(ctx, d.Rebind(d.TableExists), "schema_migrations").Scan(&one)
	if err == sql.ErrNoRows {
		return names(migrations), nil
	} else if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	done := map[int]bool{}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		done[v] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	var pending []Migration
	for _, m := range migrations {
		if !done[m.Version] {
			pending = append(pending, m)
		}
	}
	return names(pending), nil
}

func names(ms []Migration) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}
