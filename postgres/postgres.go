// Package postgres keeps Warta's data in PostgreSQL through pgx, for
// sites where several Warta processes share one database. The queries are
// shared with package sqlite in package sqlstore; this package connects,
// explains connection failures, and carries the schema.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"warta"
	"warta/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// pingTimeout bounds the first connection in Open, so a wrong address
// fails in seconds instead of hanging startup.
const pingTimeout = 5 * time.Second

// migrationLock is the pg_advisory_lock key that serialises Migrate
// across processes ("warta" in ASCII).
const migrationLock = 0x7761727461

// dialect tells sqlstore how PostgreSQL differs.
var dialect = sqlstore.Dialect{
	Name:     "postgres",
	Numbered: true,
	Time:     func(t time.Time) any { return t.UTC() },
	IsUnique: func(err error) bool {
		var e *pgconn.PgError
		return errors.As(err, &e) && e.Code == "23505"
	},
	IsForeignKey: func(err error) bool {
		var e *pgconn.PgError
		return errors.As(err, &e) && e.Code == "23503"
	},
	TableExists:   `SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = ?`,
	IsUnavailable: unavailable,
	Notify:        `SELECT pg_notify('` + ChangesChannel + `', ?)`,
	TryLock:       `SELECT pg_try_advisory_xact_lock(?)`,
}

// unavailable reports whether err means PostgreSQL cannot be reached:
// no connection could be made, the connection broke, or the server is
// shutting down or starting up.
func unavailable(err error) bool {
	var connErr *pgconn.ConnectError
	if errors.As(err, &connErr) {
		return true // whatever the server said, there is no connection
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		// Class 08: connection exception; 57P01-57P03: admin shutdown,
		// crash shutdown, cannot connect now.
		return strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03"
	}
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, net.ErrClosed)
}

// DB is Warta's store on PostgreSQL. It implements warta.Store.
type DB struct {
	*sqlstore.Store
	now warta.Clock
	cfg *pgx.ConnConfig // for the LISTEN connection, outside the pool
}

var _ warta.Store = (*DB)(nil)

// Open connects to the database at url (postgres://user:pass@host/db) and
// checks that it answers within five seconds. It does not migrate: call
// Migrate, or Pending to learn whether the schema is current. now is the
// store's clock; nil means time.Now.
//
// Errors are one line saying what failed and what to do, and never hold
// the password.
//
// The pool is database/sql's over pgx: a connection that died (the server
// restarted, a proxy dropped it) is noticed when it is next taken from the
// pool and replaced, so the store recovers by itself once PostgreSQL is
// back; until then Ping fails.
func Open(ctx context.Context, url string, now warta.Clock) (*DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		// pgx's message can quote the URL; say only what is wrong.
		return nil, errors.New("cannot read the PostgreSQL URL given by --database (WARTA_DATABASE_URL): write it as postgres://user:password@host:5432/dbname")
	}
	// Every connection, not only the first, gives up after pingTimeout:
	// without it a host that drops packets holds a request (and the
	// pool) for the kernel's TCP timeout, minutes, while PostgreSQL is
	// away.
	cfg.ConnectTimeout = pingTimeout
	db := sqlstore.OpenCounted(stdlib.GetConnector(*cfg)) // stdlib.OpenDB, with statements counted
	// Writes and reads share one pool: PostgreSQL handles concurrency.
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	// Retire connections now and then so a failover or DNS change is
	// picked up, and idle ones sooner so a quiet site holds few.
	db.SetConnMaxLifetime(30 * time.Minute)
	db.SetConnMaxIdleTime(5 * time.Minute)

	pctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, connectError(cfg, err)
	}
	if now == nil {
		now = time.Now
	}
	return &DB{Store: sqlstore.New(db, db, dialect, now), now: now, cfg: cfg}, nil
}

// connectError explains a failed first connection in one line.
func connectError(cfg *pgx.ConnConfig, err error) error {
	where := net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port))
	if strings.HasPrefix(cfg.Host, "/") {
		where = cfg.Host // a unix socket folder
	}
	why, hint := "", "is the server running, and is --database (WARTA_DATABASE_URL) right?"
	var pgErr *pgconn.PgError
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &pgErr):
		why = pgErr.Message
		switch pgErr.Code {
		case "28P01", "28000":
			hint = "check the user and password in --database (WARTA_DATABASE_URL)"
		case "3D000":
			hint = "create the database (createdb) or fix its name in --database (WARTA_DATABASE_URL)"
		}
	case errors.Is(err, syscall.ECONNREFUSED):
		why = "connection refused"
	case errors.As(err, &dnsErr):
		why = "unknown host " + dnsErr.Name
		hint = "check the host in --database (WARTA_DATABASE_URL)"
	case errors.Is(err, context.DeadlineExceeded):
		why = fmt.Sprintf("no answer within %s", pingTimeout)
	default:
		why = err.Error()
		if i := strings.LastIndex(why, ": "); i >= 0 {
			why = why[i+2:]
		}
	}
	msg := fmt.Sprintf("cannot connect to PostgreSQL at %s (%s): %s", where, why, hint)
	msg = strings.Join(strings.Fields(msg), " ") // one line, whatever the server said
	if cfg.Password != "" {
		msg = strings.ReplaceAll(msg, cfg.Password, "xxxxx")
	}
	return &warta.Error{Code: warta.EUNAVAILABLE, Message: msg, Err: errors.New(msg)}
}

// migrations returns the embedded schema changes.
func migrations() ([]sqlstore.Migration, error) {
	return sqlstore.Migrations(migrationFS, "migrations")
}

// Migrate applies the embedded migrations the database lacks, each in its
// own transaction, and returns their names. Several processes may call it
// at once: an advisory lock lets one migrate while the others wait, and
// they then find nothing left to do. Then it fills the search index when
// it lacks articles (see sqlstore.Store.EnsureSearchIndex), as it does
// right after 0005_search.sql on a site that has some.
func (db *DB) Migrate(ctx context.Context) (applied []string, err error) {
	ms, err := migrations()
	if err != nil {
		return nil, err
	}
	// The advisory lock belongs to a session, so lock, migrate and unlock
	// on one connection.
	conn, err := db.WriteDB().Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres: migrate: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return nil, fmt.Errorf("postgres: migrate: take the migration lock: %w", err)
	}
	defer func() {
		// A fresh context: unlock even when ctx was cancelled. Closing
		// the session would release the lock too, but the connection
		// goes back to the pool.
		uctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, uerr := conn.ExecContext(uctx, `SELECT pg_advisory_unlock($1)`, migrationLock); uerr != nil {
			conn.Raw(func(any) error { return sql.ErrConnDone }) // drop the session, releasing the lock
		}
	}()
	if err := checkOwnDatabase(ctx, conn); err != nil {
		return nil, err
	}
	applied, err = sqlstore.Migrate(ctx, conn, dialect, db.now, "TIMESTAMPTZ", ms)
	if err != nil {
		return applied, fmt.Errorf("postgres: migrate: %w", err)
	}
	// The search index is built in Go (SQL cannot stem our way), so
	// after 0005 it is filled here, still under the migration lock.
	if _, err := db.EnsureSearchIndex(ctx); err != nil {
		return applied, fmt.Errorf("postgres: migrate: fill the search index: %w", err)
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
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return p, nil
}

// checkOwnDatabase refuses a database that holds another program's
// tables, before Migrate writes anything into it: Warta's tables would
// mix with them, and a later "warta restore" or "migrate-db" would treat
// them as Warta's. A database is Warta's when it is empty or has Warta's
// schema_migrations table (version, name, applied_at); another tool's
// table of that name (golang-migrate's has version and dirty) does not
// count.
func checkOwnDatabase(ctx context.Context, conn *sql.Conn) error {
	var ours bool
	err := conn.QueryRowContext(ctx, `
		SELECT COUNT(*) = 3 FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = 'schema_migrations'
		  AND column_name IN ('version', 'name', 'applied_at')`).Scan(&ours)
	if err != nil {
		return fmt.Errorf("postgres: migrate: look at the database's tables: %w", err)
	}
	if ours {
		return nil
	}
	rows, err := conn.QueryContext(ctx, `
		SELECT tablename FROM pg_catalog.pg_tables
		WHERE schemaname = current_schema() ORDER BY tablename LIMIT 4`)
	if err != nil {
		return fmt.Errorf("postgres: migrate: look at the database's tables: %w", err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return fmt.Errorf("postgres: migrate: look at the database's tables: %w", err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: migrate: look at the database's tables: %w", err)
	}
	if len(names) == 0 {
		return nil // empty: Warta's to fill
	}
	var dbName string
	if err := conn.QueryRowContext(ctx, `SELECT current_database()`).Scan(&dbName); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	list := strings.Join(names, ", ")
	if len(names) > 3 {
		list = strings.Join(names[:3], ", ") + ", …"
	}
	msg := fmt.Sprintf("the PostgreSQL database %q holds tables Warta did not make (%s) and no Warta schema; "+
		"Warta changed nothing: give it an empty database of its own (createdb warta) in --database (WARTA_DATABASE_URL)", dbName, list)
	return &warta.Error{Code: warta.EINVALID, Message: msg, Err: errors.New(msg)}
}

// OpenReplica sends the reads that may lag (anonymous public pages; see
// warta.WithReplicaReads) to the read replica at url, while it answers;
// run WatchReplica to notice when it stops and starts answering. A
// replica that does not answer now is not an error: reads go to the
// primary until it does, and the returned error, when not nil, says why
// for the log. Only an unreadable URL is fatal (ok is false).
func (db *DB) OpenReplica(ctx context.Context, url string) (ok bool, err error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return false, errors.New("cannot read the PostgreSQL URL given by --database-replica (WARTA_DATABASE_REPLICA_URL): write it as postgres://user:password@host:5432/dbname")
	}
	cfg.ConnectTimeout = pingTimeout
	rdb := sqlstore.OpenCounted(stdlib.GetConnector(*cfg))
	rdb.SetMaxOpenConns(20)
	rdb.SetMaxIdleConns(10)
	rdb.SetConnMaxLifetime(30 * time.Minute)
	rdb.SetConnMaxIdleTime(5 * time.Minute)
	db.SetReplica(rdb)
	pctx, cancel := context.WithTimeout(ctx, pingTimeout)
	defer cancel()
	if err := rdb.PingContext(pctx); err != nil {
		db.MarkReplicaDown()
		return true, connectError(cfg, err)
	}
	return true, nil
}
