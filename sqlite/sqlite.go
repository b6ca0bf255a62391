// Package sqlite keeps Warta's data in one SQLite file, dataDir/warta.db,
// through modernc.org/sqlite (pure Go, so the binary stays static). The
// queries are shared with package postgres in package sqlstore; this
// package opens the file the right way and carries the schema.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"warta"
	"warta/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// FileName is the database file inside the data folder.
const FileName = "warta.db"

// readers is the size of the reader pool. WAL lets readers run alongside
// the writer; a few connections are plenty for a news site's page misses,
// which the page cache keeps rare.
const readers = 4

// timeLayout is how timestamps are stored: UTC, fixed width, so that text
// order is time order (ORDER BY and <= work on the column directly), and
// microseconds, the precision PostgreSQL keeps, so both stores round-trip
// the same values.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// dialect tells sqlstore how SQLite differs.
var dialect = sqlstore.Dialect{
	Name:     "sqlite",
	Numbered: false,
	Time:     func(t time.Time) any { return t.UTC().Format(timeLayout) },
	IsUnique: func(err error) bool {
		code, ok := errorCode(err)
		return ok && (code == sqlite3.SQLITE_CONSTRAINT_UNIQUE || code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
	},
	IsForeignKey: func(err error) bool {
		code, ok := errorCode(err)
		return ok && code == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	},
	TableExists: `SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`,
}

func errorCode(err error) (int, bool) {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code(), true
	}
	return 0, false
}

// DB is Warta's store on SQLite. It implements warta.Store.
type DB struct {
	*sqlstore.Store
	path string
	now  warta.Clock
}

var _ warta.Store = (*DB)(nil)

// Open opens (creating if needed) dataDir/warta.db. It does not migrate:
// call Migrate, or Pending to learn whether the schema is current. now is
// the store's clock; nil means time.Now.
//
// SQLite allows one writer at a time. All writes go through a pool of
// exactly one connection, so writers in this process queue in Go instead
// of failing with SQLITE_BUSY, and every write transaction begins
// IMMEDIATE, taking the write lock up front: a transaction that read
// first and then tried to upgrade could fail with SQLITE_BUSY at once
// when another process (warta migrate, warta comments approve) holds the
// lock, while IMMEDIATE waits up to busy_timeout. Reads use a separate
// pool that WAL lets run alongside the writer; those connections are
// query_only, so a write sent to the wrong pool fails loudly.
func Open(ctx context.Context, dataDir string, now warta.Clock) (*DB, error) {
	if dataDir == "" {
		return nil, errors.New("cannot open the SQLite database: no data folder given; pass --data (WARTA_DATA)")
	}
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the SQLite database: bad data folder %q: %v", dataDir, err)
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return nil, fmt.Errorf("cannot create the data folder %s (%s): create it or choose another with --data (WARTA_DATA)", abs, reason(err))
	}
	// A probe file tells a read-only or foreign-owned folder apart from a
	// broken database, in words an operator can act on. SQLite needs to
	// create the -wal and -shm files beside the database anyway.
	probe, err := os.CreateTemp(abs, ".warta-write-test-*")
	if err != nil {
		return nil, fmt.Errorf("the data folder %s is not writable (%s): fix its permissions or choose another with --data (WARTA_DATA)", abs, reason(err))
	}
	probe.Close()
	os.Remove(probe.Name())

	path := filepath.Join(abs, FileName)
	write, err := openCounted(dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("cannot open the SQLite database %s: %v", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	// The writer connects first: it switches the file to WAL mode (a
	// setting stored in the file), so readers always find WAL.
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("cannot open the SQLite database %s (%s): is it a Warta database, and is the folder writable?", path, reason(err))
	}
	read, err := openCounted(dsn(path, false))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("cannot open the SQLite database %s: %v", path, err)
	}
	read.SetMaxOpenConns(readers)
	read.SetMaxIdleConns(readers)
	if err := read.PingContext(ctx); err != nil {
		write.Close()
		read.Close()
		return nil, fmt.Errorf("cannot open the SQLite database %s for reading (%s)", path, reason(err))
	}
	if now == nil {
		now = time.Now
	}
	return &DB{Store: sqlstore.New(write, read, dialect, now), path: path, now: now}, nil
}

// stmtCacheSize is how many prepared statements each connection keeps;
// the store sends fewer distinct ones than this in ordinary use.
const stmtCacheSize = 128

// openCounted opens a handle on the database at dsn whose statements
// sqlstore counts (Store.QueryCount); it is sql.Open("sqlite", dsn)
// otherwise.
func openCounted(dsn string) (*sql.DB, error) {
	c, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	// Statements are kept prepared per connection: the pure-Go SQLite
	// otherwise parses each one afresh, a large share of its cost.
	return sqlstore.OpenCountedCaching(c, stmtCacheSize), nil
}

// dsn returns the connection string for path. Pragmas go in the DSN, not
// in one Exec after opening, because database/sql opens connections
// whenever it likes and each must get them:
//   - busy_timeout first, so the others wait for a lock instead of failing;
//   - journal_mode=WAL: readers do not block the writer nor it them;
//   - foreign_keys=ON: SQLite leaves them off by default, per connection;
//   - synchronous=NORMAL: safe in WAL mode (a power cut can lose the last
//     commits, never corrupt the file) and much faster than FULL;
//   - query_only on readers;
//   - temp_store=MEMORY on the writer: a savepoint's journal (the import
//     puts each item in one) is then kept in memory instead of a
//     temporary file written through a system call per page; the
//     writer's transactions are small, except an import batch's;
//   - cache_size of 32 MiB on the writer, up from SQLite's 2 MiB: a write
//     touches pages all over the file (each index of the comments table,
//     the search index), and with the default they were read again from
//     the operating system for nearly every row of a large import.
func dsn(path string, writer bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if writer {
		q.Set("_txlock", "immediate")
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Add("_pragma", "cache_size(-32768)")
	} else {
		q.Add("_pragma", "query_only(ON)")
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: q.Encode()}
	return u.String()
}

// reason shortens an error to its last, most specific part, for one-line
// messages.
func reason(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	msg := err.Error()
	return strings.ReplaceAll(msg, "\n", " ")
}

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// migrations returns the embedded schema changes.
func migrations() ([]sqlstore.Migration, error) {
	return sqlstore.Migrations(migrationFS, "migrations")
}

// Migrate applies the embedded migrations the database lacks, each in its
// own transaction, and returns their names. It is safe while other
// processes use the file, including another Migrate: each migration's
// transaction begins IMMEDIATE, so a second migrator waits for the first
// and then finds the work done. Then it fills the search index when it
// lacks articles (see sqlstore.Store.EnsureSearchIndex), as it does right
// after 0005_search.sql on a site that has some.
func (db *DB) Migrate(ctx context.Context) (applied []string, err error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	conn, err := db.WriteDB().Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: migrate: %w", err)
	}
	defer conn.Close()
	applied, err = sqlstore.Migrate(ctx, conn, dialect, db.now, "TEXT", ms)
	if err != nil {
		return applied, fmt.Errorf("sqlite: migrate %s: %w", db.path, err)
	}
	// The search index is built in Go (SQL cannot stem), so after 0005
	// it is filled here. The writer pool has one connection: give it
	// back first.
	conn.Close()
	if _, err := db.EnsureSearchIndex(ctx); err != nil {
		return applied, fmt.Errorf("sqlite: migrate %s: fill the search index: %w", db.path, err)
	}
	return applied, nil
}

// Pending returns the names of the embedded migrations not yet applied,
// in order; serve uses it to refuse an outdated schema with a message
// that says to run "warta migrate".
func (db *DB) Pending(ctx context.Context) ([]string, error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	p, err := sqlstore.Pending(ctx, db.ReadDB(), dialect, ms)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	return p, nil
}

// LatestVersion returns the newest schema version this program's
// migrations make, so a backup from a newer Warta can be told apart.
func LatestVersion() (int, error) {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0, err
	}
	return ms[len(ms)-1].Version, nil
}

// SnapshotTo writes a consistent copy of the whole database, as of one
// instant, to a new file at path (VACUUM INTO), while the site keeps
// reading and writing: the copy is one read transaction, which WAL lets
// run beside the writer. It opens a connection of its own, since the
// readers are query_only (which VACUUM INTO counts as writing) and the
// one writer must stay free for the site.
func (db *DB) SnapshotTo(ctx context.Context, path string) error {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(db.path), RawQuery: q.Encode()}
	conn, err := sql.Open("sqlite", u.String())
	if err != nil {
		return fmt.Errorf("sqlite: open %s for a copy: %w", db.path, err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("sqlite: copy %s to %s: %w", db.path, path, err)
	}
	return nil
}
