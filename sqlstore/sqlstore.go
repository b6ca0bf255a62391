// Package sqlstore implements warta.Store over database/sql. The SQL that
// Warta needs is nearly identical on SQLite and PostgreSQL, so packages
// sqlite and postgres each open their database, describe its quirks in a
// Dialect, and hand both to New; the queries live here, once.
//
// Queries are written by hand with ? placeholders and rebound to $1, $2…
// for PostgreSQL. Every writing method runs in one transaction on the
// write handle; reads that need several queries run in one read-only
// transaction on the read handle, so a page and its tags and authors come
// from the same snapshot.
package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"warta"
)

// Dialect describes what differs between the databases sqlstore runs on.
type Dialect struct {
	// Name names the database in error messages ("sqlite", "postgres").
	Name string
	// Numbered is true when the driver wants $1, $2… instead of ?.
	Numbered bool
	// Time turns a time into a query argument in the form the database
	// stores. It is never called with the zero time, which is stored as
	// NULL. Whatever it returns must scan back through Scan into a
	// time.Time, string or []byte in RFC 3339 form.
	Time func(time.Time) any
	// IsUnique reports whether err is a unique-constraint violation.
	IsUnique func(error) bool
	// IsForeignKey reports whether err is a foreign-key violation.
	IsForeignKey func(error) bool
	// TableExists is a query taking one argument, a table name, that
	// returns one row when the table exists and none otherwise.
	TableExists string
	// Notify, when set, is a statement taking one text argument that
	// tells other processes a change was recorded, delivered when the
	// transaction commits (PostgreSQL: pg_notify). Empty: they poll.
	Notify string
	// TryLock, when set, is a query taking one integer key that returns
	// whether this transaction got the lock of that key, held until it
	// ends (PostgreSQL: pg_try_advisory_xact_lock); background jobs use
	// it so that one process runs them at a time. Empty: the database
	// has one writer anyway (SQLite).
	TryLock string
	// IsUnavailable, when set, reports whether err means the database
	// cannot be reached rather than that the query was wrong.
	IsUnavailable func(error) bool
}

// Rebind rewrites the ? placeholders in query for the dialect. Queries in
// this package never hold a literal question mark, so a plain scan is
// enough.
func (d Dialect) Rebind(query string) string {
	if !d.Numbered || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// arg converts t for a query: NULL for the zero time, the dialect's form
// of the UTC time otherwise.
func (d Dialect) arg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return d.Time(t)
}

// Store is warta.Store over two database/sql handles.
type Store struct {
	write *sql.DB
	read  *sql.DB
	d     Dialect
	now   warta.Clock
	hook  atomic.Pointer[func(tags []string)] // see OnChange
	// commentHook is told of each stored comment; see OnComment.
	commentHook atomic.Pointer[func(warta.CommentStatus)]

	replica   *sql.DB     // see SetReplica; nil without one
	replicaUp atomic.Bool // the replica answered its last check
}

var _ warta.Store = (*Store)(nil)

// New returns a Store that writes through write and reads through read
// (they may be the same *sql.DB). now is the clock for CreatedAt and
// UpdatedAt; nil means time.Now. The Store owns both handles: Close
// closes them.
func New(write, read *sql.DB, d Dialect, now warta.Clock) *Store {
	if now == nil {
		now = time.Now
	}
	if read == nil {
		read = write
	}
	return &Store{write: write, read: read, d: d, now: now}
}

// Ping reports whether the database answers on both handles. Errors:
// EUNAVAILABLE.
func (s *Store) Ping(ctx context.Context) error {
	if err := ping(ctx, s.write); err != nil {
		return err
	}
	if s.read != s.write {
		return ping(ctx, s.read)
	}
	return nil
}

// ping pings db. After the database restarted, the pool still holds the
// dead connections of before; database/sql retries a Ping on a fresh
// connection only when taking one fails, not when the ping itself does,
// so ping discards dead connections (driver.ErrBadConn) until it reaches
// a live one. Otherwise /readyz would fail once per stale connection
// after every restart.
func ping(ctx context.Context, db *sql.DB) error {
	var err error
	for range db.Stats().Idle + 2 {
		if err = db.PingContext(ctx); !errors.Is(err, driver.ErrBadConn) {
			break
		}
	}
	if err != nil {
		return &warta.Error{Code: warta.EUNAVAILABLE, Message: "the database does not answer", Err: err}
	}
	return nil
}

// Close closes both handles.
func (s *Store) Close() error {
	err := s.write.Close()
	if s.read != s.write {
		err = errors.Join(err, s.read.Close())
	}
	if s.replica != nil {
		err = errors.Join(err, s.replica.Close())
	}
	return err
}

// WriteDB returns the handle that writes (for migrations and tests).
func (s *Store) WriteDB() *sql.DB { return s.write }

// ReadDB returns the handle that reads (for tests).
func (s *Store) ReadDB() *sql.DB { return s.read }

// clock returns now in UTC at the precision both databases keep
// (PostgreSQL timestamptz holds microseconds), so a time read back
// equals the time the store handed out.
func (s *Store) clock() time.Time { return Normalize(s.now()) }

// Normalize returns t in UTC truncated to microseconds, the form in which
// every time comes back from the store. The zero time stays zero.
func Normalize(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC().Truncate(time.Microsecond)
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// beginRead starts a read-only transaction on the read handle, or on
// the replica when ctx allows it (see reader). When the replica fails to
// start one because it cannot be reached, it is marked down and the
// primary answers instead.
func (s *Store) beginRead(ctx context.Context) (*sql.Tx, error) {
	db := s.reader(ctx)
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil && db == s.replica && ctx.Err() == nil && s.d.IsUnavailable != nil && s.d.IsUnavailable(err) {
		s.replicaUp.Store(false)
		tx, err = s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	}
	if err != nil {
		return nil, s.internal("begin read transaction", err)
	}
	return tx, nil
}

// SetReplica makes reads whose context allows it (warta.WithReplicaReads)
// go to db, a read replica of the write database, while it answers; the
// Store owns db from then on. Call it before the Store is used, then run
// WatchReplica.
func (s *Store) SetReplica(db *sql.DB) {
	s.replica = db
	s.replicaUp.Store(true)
}

// WatchReplica pings the replica every interval until ctx is done: reads
// fall back to the primary while it does not answer, and return to it
// when it does again.
func (s *Store) WatchReplica(ctx context.Context, interval time.Duration, log *slog.Logger) {
	if s.replica == nil {
		return
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		pctx, cancel := context.WithTimeout(ctx, interval)
		err := ping(pctx, s.replica)
		cancel()
		if ctx.Err() != nil {
			return
		}
		up := err == nil
		if was := s.replicaUp.Swap(up); was != up && log != nil {
			if up {
				log.Info("read replica answers again: public pages read from it")
			} else {
				log.Warn("read replica does not answer: reading from the primary", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// MarkReplicaDown sends reads to the primary until WatchReplica finds
// the replica answering.
func (s *Store) MarkReplicaDown() { s.replicaUp.Store(false) }

// reader returns the handle for a read in ctx: the replica when there is
// one, it answers, and ctx allows it; the read handle otherwise.
func (s *Store) reader(ctx context.Context) *sql.DB {
	if s.replica != nil && s.replicaUp.Load() && warta.ReplicaReads(ctx) {
		return s.replica
	}
	return s.read
}

// beginWrite starts a transaction on the write handle.
func (s *Store) beginWrite(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.internal("begin transaction", err)
	}
	return tx, nil
}

// internal wraps an unexpected database error with what was being done.
// Context cancellation passes through unchanged in the chain, so callers
// can still recognise it with errors.Is.
//
// An error that means the database cannot be reached (the connection was
// cut, the server is restarting) is EUNAVAILABLE instead, so the reader
// gets 503 and Retry-After even when the server is already back by the
// time the handler looks: that request's connection was the dead one.
func (s *Store) internal(doing string, err error) error {
	wrapped := fmt.Errorf("%s store: %s: %w", s.d.Name, doing, err)
	if s.d.IsUnavailable != nil && !errors.Is(err, context.Canceled) && s.d.IsUnavailable(err) {
		return &warta.Error{Code: warta.EUNAVAILABLE, Message: "the database does not answer", Err: wrapped}
	}
	return wrapped
}

// formatError turns the driver errors that mean something to a user into
// *warta.Error: a unique violation is a taken slug (slugs are the only
// unique values people type), a foreign-key violation a reference to
// something that does not exist. Anything else is wrapped as internal.
func (s *Store) formatError(doing string, err error) error {
	var we *warta.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &we):
		return err
	case s.d.IsUnique != nil && s.d.IsUnique(err):
		return conflict()
	case s.d.IsForeignKey != nil && s.d.IsForeignKey(err):
		return &warta.Error{Code: warta.EINVALID, Message: "it refers to something that does not exist", Key: "error.form", Err: err}
	}
	return s.internal(doing, err)
}

// conflict is the error for a slug that is already taken.
func conflict() *warta.Error {
	return &warta.Error{
		Code:    warta.ECONFLICT,
		Message: "the slug is already taken",
		Key:     "error.slug_taken",
		Fields:  map[string]string{"slug": "error.slug_taken"},
	}
}

// notFound is the error for a missing thing; what names it ("article").
func notFound(what string) *warta.Error {
	return &warta.Error{Code: warta.ENOTFOUND, Message: what + " not found", Key: "error.not_found"}
}

// placeholders returns "?, ?, ?" with n marks, for IN lists.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// timeDest scans a nullable timestamp into *t whichever way the driver
// delivers it: time.Time from PostgreSQL, RFC 3339 text from SQLite, NULL
// as the zero time.
type timeDest struct{ t *time.Time }

// Scan implements sql.Scanner.
func (d timeDest) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*d.t = time.Time{}
	case time.Time:
		*d.t = Normalize(v)
	case string:
		return d.parse(v)
	case []byte:
		return d.parse(string(v))
	default:
		return fmt.Errorf("cannot scan %T into a time", v)
	}
	return nil
}

func (d timeDest) parse(s string) error {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("cannot read stored time %q: %w", s, err)
	}
	*d.t = Normalize(t)
	return nil
}
