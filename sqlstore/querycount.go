package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
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
	return &countingConn{Conn: conn, stats: c.drv.stats}, nil
}

func (c *countingConnector) Driver() driver.Driver { return c.drv }

// countingDriver is the real driver with the handle's counter.
type countingDriver struct {
	driver.Driver
	stats *queryStats
}

func (d *countingDriver) Open(name string) (driver.Conn, error) {
	conn, err := d.Driver.Open(name)
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: conn, stats: d.stats}, nil
}

// countingConn counts the statements run on a real connection. It has
// every optional interface database/sql looks for, and passes each on to
// the real connection, or answers as database/sql would without it.
type countingConn struct {
	driver.Conn
	stats *queryStats
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
	return e.ExecContext(ctx, query, args)
}

func (c *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	defer c.stats.done(c.stats.note(query, args))
	return q.QueryContext(ctx, query, args)
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
