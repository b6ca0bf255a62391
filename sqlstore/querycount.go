package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"reflect"
	"sync/atomic"
	"time"
)

// Counting statements. The queries of this package call QueryContext and
// ExecContext on *sql.DB and *sql.Tx in many places, so the count is kept
// one level down, in the driver: packages sqlite and postgres open their
// handles with OpenCounted, which wraps the driver's connections so that
// every statement they run adds one to a counter of that handle. That
// includes statements inside transactions; BEGIN, COMMIT and ROLLBACK
// are not counted (they go through the driver's Tx, not a statement), nor
// are pings and session resets. The cost is one atomic add per statement.
//
// Tests use it to prove that a page runs a fixed number of queries
// whatever it shows (no N+1), and, through TraceQueries, to EXPLAIN the
// exact SQL the store sends.

// queryStats is what a counted handle keeps.
type queryStats struct {
	n       atomic.Int64
	trace   atomic.Pointer[func(query string, args []any)]
	observe atomic.Pointer[func(time.Duration)] // see Store.ObserveQueries
}

// note records one statement about to run, and returns when it started
// when someone observes statement times (the zero time otherwise, so an
// unobserved store does not read the clock).
func (st *queryStats) note(query string, args []driver.NamedValue) (start time.Time) {
	if st.observe.Load() != nil {
		start = time.Now()
	}
	st.n.Add(1)
	if f := st.trace.Load(); f != nil {
		values := make([]any, len(args))
		for i, a := range args {
			values[i] = a.Value
		}
		(*f)(query, values)
	}
	return start
}

// done reports the time of a statement that note timed.
func (st *queryStats) done(start time.Time) {
	if f := st.observe.Load(); f != nil && !start.IsZero() {
		(*f)(time.Since(start))
	}
}

// OpenCounted returns a *sql.DB over c whose statements are counted; see
// Store.QueryCount.
func OpenCounted(c driver.Connector) *sql.DB {
	return sql.OpenDB(&countingConnector{Connector: c, drv: &countingDriver{Driver: c.Driver(), stats: &queryStats{}}})
}

// OpenCountedCaching is OpenCounted that also keeps, per connection, up
// to size prepared statements by their SQL text, and runs every
// ExecContext and QueryContext with the same text through the one it
// kept, inside transactions too (database/sql sends a Tx's statements
// through the same connection methods). It is for drivers that parse
// each statement afresh otherwise: the pure-Go SQLite spends a large
// share of a statement's time parsing it. PostgreSQL's pgx needs none:
// it already keeps prepared statements per connection (its default
// query mode caches them, 512 per connection).
func OpenCountedCaching(c driver.Connector, size int) *sql.DB {
	return sql.OpenDB(&countingConnector{Connector: c, drv: &countingDriver{Driver: c.Driver(), stats: &queryStats{}, cacheSize: size}})
}

// QueryCount returns how many statements the store has run on its
// handles since they were opened, when they were opened with OpenCounted
// (0 otherwise). Tests take the difference around a request.
func (s *Store) QueryCount() int64 {
	var n int64
	for _, st := range s.stats() {
		n += st.n.Load()
	}
	return n
}

// TraceQueries makes the store call f with every statement it runs from
// now on, with its arguments, before the statement runs; nil stops it. It
// is for tests (EXPLAIN the real SQL), and f must be safe for concurrent
// use.
func (s *Store) TraceQueries(f func(query string, args []any)) {
	for _, st := range s.stats() {
		if f == nil {
			st.trace.Store(nil)
		} else {
			st.trace.Store(&f)
		}
	}
}

// stats returns the counters of the store's distinct handles.
func (s *Store) stats() []*queryStats {
	var out []*queryStats
	for _, db := range []*sql.DB{s.write, s.read} {
		if d, ok := db.Driver().(*countingDriver); ok && (len(out) == 0 || out[0] != d.stats) {
			out = append(out, d.stats)
		}
	}
	return out
}

// countingConnector opens counted connections through the real connector.
// Its Driver is how QueryCount finds the counter of a *sql.DB.
type countingConnector struct {
	driver.Connector
	drv *countingDriver
}

func (c *countingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return c.drv.wrap(conn), nil
}

func (c *countingConnector) Driver() driver.Driver { return c.drv }

// countingDriver is the real driver with the handle's counter.
type countingDriver struct {
	driver.Driver
	stats     *queryStats
	cacheSize int // prepared statements kept per connection; 0: none
}

func (d *countingDriver) Open(name string) (driver.Conn, error) {
	conn, err := d.Driver.Open(name)
	if err != nil {
		return nil, err
	}
	return d.wrap(conn), nil
}

// wrap returns conn counted, with its statement cache when the handle
// keeps one and the driver can prepare with a context and run prepared
// statements with one (else the cache could not pass the context on).
func (d *countingDriver) wrap(conn driver.Conn) *countingConn {
	c := &countingConn{Conn: conn, stats: d.stats}
	if _, ok := conn.(driver.ConnPrepareContext); ok && d.cacheSize > 0 {
		c.cache = &stmtCache{size: d.cacheSize, stmts: map[string]*cachedStmt{}}
	}
	return c
}

// countingConn counts the statements run on a real connection. It has
// every optional interface database/sql looks for, and passes each on to
// the real connection, or answers as database/sql would without it.
type countingConn struct {
	driver.Conn
	stats *queryStats
	cache *stmtCache // nil: statements are passed on as they come
}

var (
	_ driver.ConnBeginTx        = (*countingConn)(nil)
	_ driver.ConnPrepareContext = (*countingConn)(nil)
	_ driver.ExecerContext      = (*countingConn)(nil)
	_ driver.QueryerContext     = (*countingConn)(nil)
	_ driver.Pinger             = (*countingConn)(nil)
	_ driver.SessionResetter    = (*countingConn)(nil)
	_ driver.Validator          = (*countingConn)(nil)
	_ driver.NamedValueChecker  = (*countingConn)(nil)
	_ driver.StmtExecContext    = (*countingStmt)(nil)
	_ driver.StmtQueryContext   = (*countingStmt)(nil)
	_ driver.NamedValueChecker  = (*countingStmt)(nil)
	_ driver.Connector          = (*countingConnector)(nil)
	_ driver.Driver             = (*countingDriver)(nil)
)

func (c *countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip // database/sql prepares instead; the statement counts
	}
	defer c.stats.done(c.stats.note(query, args))
	if st, err := c.cached(ctx, query); err != nil {
		return nil, err
	} else if st != nil {
		return st.stmt.(driver.StmtExecContext).ExecContext(ctx, args)
	}
	return e.ExecContext(ctx, query, args)
}

func (c *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	defer c.stats.done(c.stats.note(query, args))
	if st, err := c.cached(ctx, query); err != nil {
		return nil, err
	} else if st != nil {
		rows, err := st.stmt.(driver.StmtQueryContext).QueryContext(ctx, args)
		if err != nil {
			return nil, err
		}
		// The driver's rows read through the statement (SQLite steps
		// it), so nobody else may run it until they are closed.
		st.busy = true
		return &cachedRows{Rows: rows, st: st}, nil
	}
	return q.QueryContext(ctx, query, args)
}

// Close closes the kept statements, then the connection.
func (c *countingConn) Close() error {
	if c.cache != nil {
		for _, st := range c.cache.stmts {
			st.stmt.Close()
		}
		c.cache.stmts = nil
	}
	return c.Conn.Close()
}

// stmtCache is a connection's prepared statements by their SQL text.
// database/sql uses a connection from one goroutine at a time, rows
// included, so it needs no lock.
type stmtCache struct {
	size  int
	stmts map[string]*cachedStmt
}

type cachedStmt struct {
	stmt driver.Stmt
	busy bool // its rows are open
}

// cached returns the kept statement for query, preparing it the first
// time, or nil when query should go the uncached way: the statement is
// busy with rows still open (a query run again while its first rows are
// read), the cache is full of busy ones, or the driver's statement
// cannot take a context. An error is the driver's error preparing
// query, which running it uncached would give as well.
func (c *countingConn) cached(ctx context.Context, query string) (*cachedStmt, error) {
	if c.cache == nil || c.cache.stmts == nil {
		return nil, nil
	}
	if st, ok := c.cache.stmts[query]; ok {
		if st.busy {
			return nil, nil
		}
		return st, nil
	}
	if len(c.cache.stmts) >= c.cache.size && !c.cache.evict() {
		return nil, nil
	}
	stmt, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	_, okExec := stmt.(driver.StmtExecContext)
	_, okQuery := stmt.(driver.StmtQueryContext)
	if !okExec || !okQuery {
		stmt.Close()
		c.cache.stmts = nil // this driver's statements will never do
		return nil, nil
	}
	st := &cachedStmt{stmt: stmt}
	c.cache.stmts[query] = st
	return st, nil
}

// evict closes one idle statement to make room, and says whether it
// could. Which one does not matter much: the store sends a few dozen
// distinct statements, fewer than the cache holds, except for the
// multi-row inserts whose text depends on the row count.
func (sc *stmtCache) evict() bool {
	for q, st := range sc.stmts {
		if !st.busy {
			st.stmt.Close()
			delete(sc.stmts, q)
			return true
		}
	}
	return false
}

// cachedRows frees its statement for the next use when closed. The
// column-type methods are passed on, as database/sql would find them on
// the driver's own rows.
type cachedRows struct {
	driver.Rows
	st *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	r.st.busy = false
	return err
}

func (r *cachedRows) ColumnTypeScanType(index int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(index)
	}
	return reflect.TypeFor[any]()
}

func (r *cachedRows) ColumnTypeDatabaseTypeName(index int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(index)
	}
	return ""
}

func (r *cachedRows) ColumnTypeLength(index int) (int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(index)
	}
	return 0, false
}

func (r *cachedRows) ColumnTypeNullable(index int) (nullable, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return t.ColumnTypeNullable(index)
	}
	return false, false
}

func (r *cachedRows) ColumnTypePrecisionScale(index int) (precision, scale int64, ok bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(index)
	}
	return 0, 0, false
}

func (c *countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	var (
		st  driver.Stmt
		err error
	)
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		st, err = p.PrepareContext(ctx, query)
	} else {
		st, err = c.Conn.Prepare(query)
	}
	if err != nil {
		return nil, err
	}
	return &countingStmt{Stmt: st, conn: c, query: query}, nil
}

func (c *countingConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	if opts.ReadOnly || opts.Isolation != driver.IsolationLevel(sql.LevelDefault) {
		return nil, errors.New("sqlstore: the driver cannot begin a read-only or isolated transaction")
	}
	//lint:ignore SA1019 a driver without the Context method gets the call database/sql itself would make
	return c.Conn.Begin()
}

func (c *countingConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *countingConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *countingConn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (c *countingConn) CheckNamedValue(nv *driver.NamedValue) error {
	if v, ok := c.Conn.(driver.NamedValueChecker); ok {
		return v.CheckNamedValue(nv)
	}
	return driver.ErrSkip // the default conversion
}

// countingStmt counts each execution of a prepared statement.
type countingStmt struct {
	driver.Stmt
	conn  *countingConn
	query string
}

func (s *countingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	defer s.conn.stats.done(s.conn.stats.note(s.query, args))
	if e, ok := s.Stmt.(driver.StmtExecContext); ok {
		return e.ExecContext(ctx, args)
	}
	values, err := plainValues(args)
	if err != nil {
		return nil, err
	}
	//lint:ignore SA1019 a driver without the Context method gets the call database/sql itself would make
	return s.Stmt.Exec(values)
}

func (s *countingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	defer s.conn.stats.done(s.conn.stats.note(s.query, args))
	if q, ok := s.Stmt.(driver.StmtQueryContext); ok {
		return q.QueryContext(ctx, args)
	}
	values, err := plainValues(args)
	if err != nil {
		return nil, err
	}
	//lint:ignore SA1019 a driver without the Context method gets the call database/sql itself would make
	return s.Stmt.Query(values)
}

func (s *countingStmt) CheckNamedValue(nv *driver.NamedValue) error {
	if v, ok := s.Stmt.(driver.NamedValueChecker); ok {
		return v.CheckNamedValue(nv)
	}
	// database/sql asks the connection only when the statement has no
	// checker; this one always has, so it asks for it.
	return s.conn.CheckNamedValue(nv)
}

// plainValues drops the names of args, for drivers that take none.
func plainValues(args []driver.NamedValue) ([]driver.Value, error) {
	values := make([]driver.Value, len(args))
	for i, a := range args {
		if a.Name != "" {
			return nil, errors.New("sqlstore: the driver does not take named arguments")
		}
		values[i] = a.Value
	}
	return values, nil
}
