// Package sitecopy copies a whole Warta site: from one database into an
// empty one of the other kind ("warta migrate-db"), and into and out of
// a backup archive ("warta backup", "warta restore").
//
// The copier reads the source in one snapshot (so a site that keeps
// serving is copied as it was at one instant), writes the target in one
// transaction (so a failed copy leaves nothing behind), and then reads
// the target back and compares a checksum per table with the source's.
// Which tables exist, their columns, keys and foreign keys come from each
// database's catalogue; the list in catalog.go only says what to do with
// each table, and the copier refuses a table it does not know.
package sitecopy

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"warta/media"
	"warta/postgres"
	"warta/sqlite"
)

// Store is a Warta database as the copier needs it. *sqlite.DB and
// *postgres.DB are Stores.
type Store interface {
	ReadDB() *sql.DB
	WriteDB() *sql.DB
	Migrate(ctx context.Context) ([]string, error)
	Reindex(ctx context.Context) (int, error)
}

// IsPostgres reports whether st is on PostgreSQL (else SQLite).
func IsPostgres(st Store) (bool, error) {
	switch st.(type) {
	case *postgres.DB:
		return true, nil
	case *sqlite.DB:
		return false, nil
	}
	return false, fmt.Errorf("sitecopy: a %T is neither Warta's SQLite nor its PostgreSQL store", st)
}

// timeLayout is how SQLite keeps times (see package sqlite), and how a
// time enters a checksum whichever database it came from.
const timeLayout = "2006-01-02T15:04:05.000000Z"

var (
	// ErrNotEmpty means the target already holds a site.
	ErrNotEmpty = errors.New("the target database is not empty")
	// ErrForeign means the target holds tables Warta did not make.
	ErrForeign = errors.New("the target database holds tables Warta did not make")
)

// TableSum is one table's row count and checksum: the sum (mod 2^256)
// of the SHA-256 of every row, each row's values taken in column-name
// order with times and booleans in one form whichever database they came
// from. A sum does not depend on the order rows are read in, so the two
// databases' collations cannot make equal tables differ.
type TableSum struct {
	Name     string `json:"name"`
	Rows     int64  `json:"rows"`
	Checksum string `json:"checksum"`
}

// Options tune Copy.
type Options struct {
	// Force empties Warta's tables in the target first (in the same
	// transaction as the copy) instead of refusing a target with rows.
	Force bool
	// SkipReindex leaves the target's search index empty; a backup's
	// SQLite file does not need one (restore rebuilds it).
	SkipReindex bool
	// Log, when set, gets a line per table copied.
	Log io.Writer
}

// Report says what Copy did.
type Report struct {
	Schema int        // the schema version both databases are at
	Tables []TableSum // every copied table, in copy order, verified
}

// Copy copies the site in src into dst, which must be empty (unless
// opt.Force) and of Warta's making or entirely empty. It migrates dst to
// this program's schema first, and refuses when src's schema differs
// from it. Sessions are not copied. After the copy it compares every
// table's count and checksum in dst with what it read from src, and
// rebuilds dst's search index.
func Copy(ctx context.Context, src, dst Store, opt Options) (*Report, error) {
	srcPG, err := IsPostgres(src)
	if err != nil {
		return nil, err
	}
	dstPG, err := IsPostgres(dst)
	if err != nil {
		return nil, err
	}
	// Nothing may be written into a database that is someone else's, so
	// look before migrating.
	before, err := readSchema(ctx, dst.WriteDB(), dstPG)
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	if u := before.unknown(); len(u) > 0 {
		return nil, fmt.Errorf("%w (%s)", ErrForeign, strings.Join(u, ", "))
	}
	if _, err := dst.Migrate(ctx); err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	schemaVersion, err := sameSchema(ctx, src.ReadDB(), dst.WriteDB())
	if err != nil {
		return nil, err
	}

	// One snapshot of the source for every table.
	srcTx, err := beginSnapshot(ctx, src.ReadDB(), srcPG)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	defer srcTx.Rollback()
	from, err := readSchema(ctx, srcTx, srcPG)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	if u := from.unknown(); len(u) > 0 {
		return nil, fmt.Errorf("the site's database holds tables this Warta does not know (%s): copy it with the Warta that made them", strings.Join(u, ", "))
	}
	to, err := readSchema(ctx, dst.WriteDB(), dstPG)
	if err != nil {
		return nil, fmt.Errorf("target: %w", err)
	}
	order, err := from.copied()
	if err != nil {
		return nil, err
	}
	for _, t := range order {
		if err := sameColumns(t, to.tables[t.name]); err != nil {
			return nil, err
		}
	}

	tx, err := dst.WriteDB().BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("target: begin: %w", err)
	}
	defer tx.Rollback()
	if opt.Force {
		if err := empty(ctx, tx, to); err != nil {
			return nil, err
		}
	} else if err := mustBeEmpty(ctx, tx, to); err != nil {
		return nil, err
	}

	rep := &Report{Schema: schemaVersion}
	for _, t := range order {
		sum, err := copyTable(ctx, srcTx, tx, t, to.tables[t.name], dstPG)
		if err != nil {
			return nil, fmt.Errorf("copy %s: %w", t.name, err)
		}
		rep.Tables = append(rep.Tables, sum)
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "copied %-16s %8d rows\n", t.name, sum.Rows)
		}
	}
	if dstPG {
		if err := resetSequences(ctx, tx, order); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("target: commit: %w", err)
	}
	srcTx.Rollback()

	got, err := Checksums(ctx, dst)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if err := Compare(rep.Tables, got); err != nil {
		return nil, fmt.Errorf("verify: the copy differs from the site: %w", err)
	}
	if !opt.SkipReindex {
		if _, err := dst.Reindex(ctx); err != nil {
			return nil, fmt.Errorf("target: rebuild the search index: %w", err)
		}
	}
	return rep, nil
}

// beginSnapshot starts a read-only transaction that sees one instant of
// the database throughout: PostgreSQL needs REPEATABLE READ for that;
// an SQLite read transaction in WAL mode is one already.
func beginSnapshot(ctx context.Context, db *sql.DB, pg bool) (*sql.Tx, error) {
	opts := &sql.TxOptions{ReadOnly: true}
	if pg {
		opts.Isolation = sql.LevelRepeatableRead
	}
	return db.BeginTx(ctx, opts)
}

// SchemaVersion returns the newest migration applied to db.
func SchemaVersion(ctx context.Context, q querier) (int, error) {
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read the schema version: %w", err)
	}
	return int(v.Int64), nil
}

// sameSchema checks that src and dst have applied the same migrations
// and returns the newest.
func sameSchema(ctx context.Context, src, dst querier) (int, error) {
	a, err := strs(ctx, src, `SELECT CAST(version AS TEXT) FROM schema_migrations ORDER BY version`)
	if err != nil {
		return 0, fmt.Errorf("source: read its schema version: %w", err)
	}
	b, err := strs(ctx, dst, `SELECT CAST(version AS TEXT) FROM schema_migrations ORDER BY version`)
	if err != nil {
		return 0, fmt.Errorf("target: read its schema version: %w", err)
	}
	var newer, older []string
	for _, v := range a {
		if !slices.Contains(b, v) {
			newer = append(newer, v)
		}
	}
	for _, v := range b {
		if !slices.Contains(a, v) {
			older = append(older, v)
		}
	}
	switch {
	case len(newer) > 0:
		return 0, fmt.Errorf("the site's database has schema changes this Warta does not know (versions %s): use the Warta that made them", strings.Join(newer, ", "))
	case len(older) > 0:
		return 0, fmt.Errorf("the site's database lacks schema changes (versions %s): run \"warta migrate\" on it first", strings.Join(older, ", "))
	case len(a) == 0:
		return 0, errors.New("the site's database has no schema: is it a Warta database?")
	}
	v, _ := strconv.Atoi(a[len(a)-1])
	return v, nil
}

func sameColumns(src, dst *tableInfo) error {
	if dst == nil {
		return fmt.Errorf("the target has no table %s", src.name)
	}
	names := func(t *tableInfo) []string {
		var out []string
		for _, c := range t.columns {
			out = append(out, c.name)
		}
		sort.Strings(out)
		return out
	}
	if a, b := names(src), names(dst); !slices.Equal(a, b) {
		return fmt.Errorf("table %s has columns %v in the site but %v in the target", src.name, a, b)
	}
	return nil
}

// mustBeEmpty refuses a target in which any of Warta's tables has rows.
func mustBeEmpty(ctx context.Context, q querier, s *schema) error {
	var names []string
	for name := range s.tables {
		if p := tables[name].policy; p == copyRows || name == "sessions" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		var n int64
		if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+ident(name)).Scan(&n); err != nil {
			return fmt.Errorf("target: count %s: %w", name, err)
		}
		if n > 0 {
			return fmt.Errorf("%w: its table %s has %d rows", ErrNotEmpty, name, n)
		}
	}
	return nil
}

// empty deletes every row of Warta's tables in s (its migrations record
// excepted), each table before those it refers to.
func empty(ctx context.Context, q querier, s *schema) error {
	var ts []*tableInfo
	for name, t := range s.tables {
		if name != "schema_migrations" {
			ts = append(ts, t)
		}
	}
	ordered, err := s.order(ts)
	if err != nil {
		return err
	}
	for i := len(ordered) - 1; i >= 0; i-- {
		if _, err := q.ExecContext(ctx, `DELETE FROM `+ident(ordered[i].name)); err != nil {
			return fmt.Errorf("target: empty %s: %w", ordered[i].name, err)
		}
	}
	return nil
}

// maxBatchArgs and maxBatchBytes bound one INSERT: SQLite accepts 32766
// parameters, PostgreSQL 65535; the byte bound keeps a batch of long
// articles from becoming one huge statement.
const (
	maxBatchRows  = 500
	maxBatchArgs  = 30000
	maxBatchBytes = 4 << 20
)

// copyTable copies the rows of t from src into dst in primary-key order
// (a reply's parent comes before it), in multi-row INSERTs, and returns
// the source's count and checksum.
func copyTable(ctx context.Context, src, dst querier, t, target *tableInfo, dstPG bool) (TableSum, error) {
	cols := t.sortedColumns()
	kinds := make([]kind, len(cols))
	names := make([]string, len(cols))
	for i, c := range cols {
		tc, _ := target.column(c.name)
		kinds[i] = tc.kind
		names[i] = ident(c.name)
	}
	rows, err := src.QueryContext(ctx, selectRows(t, cols))
	if err != nil {
		return TableSum{}, fmt.Errorf("read: %w", err)
	}
	defer rows.Close()

	perBatch := max(1, min(maxBatchRows, maxBatchArgs/len(cols)))
	prefix := `INSERT INTO ` + ident(t.name) + ` (` + strings.Join(names, ", ") + `) VALUES `
	var args []any
	var n, bytes int
	flush := func() error {
		if n == 0 {
			return nil
		}
		var b strings.Builder
		b.WriteString(prefix)
		p := 0
		for r := range n {
			if r > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for c := range cols {
				if c > 0 {
					b.WriteString(", ")
				}
				p++
				if dstPG {
					b.WriteString("$" + strconv.Itoa(p))
				} else {
					b.WriteByte('?')
				}
			}
			b.WriteByte(')')
		}
		if _, err := dst.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("write: %w", err)
		}
		args, n, bytes = args[:0], 0, 0
		return nil
	}

	h := newHasher()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return TableSum{}, fmt.Errorf("read: %w", err)
		}
		h.row(vals)
		for i, v := range vals {
			cv, err := convert(v, kinds[i])
			if err != nil {
				return TableSum{}, fmt.Errorf("column %s: %w", cols[i].name, err)
			}
			args = append(args, cv)
			bytes += size(v)
		}
		n++
		if n >= perBatch || bytes >= maxBatchBytes {
			if err := flush(); err != nil {
				return TableSum{}, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return TableSum{}, fmt.Errorf("read: %w", err)
	}
	if err := flush(); err != nil {
		return TableSum{}, err
	}
	return h.sum(t.name), nil
}

// selectRows reads cols of t in primary-key order.
func selectRows(t *tableInfo, cols []column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = ident(c.name)
	}
	q := `SELECT ` + strings.Join(names, ", ") + ` FROM ` + ident(t.name)
	if len(t.key) > 0 {
		keys := make([]string, len(t.key))
		for i, k := range t.key {
			keys[i] = ident(k)
		}
		q += ` ORDER BY ` + strings.Join(keys, ", ")
	}
	return q
}

// resetSequences moves each identity column's sequence past the largest
// id copied, so the next row PostgreSQL numbers does not collide.
func resetSequences(ctx context.Context, q querier, ts []*tableInfo) error {
	for _, t := range ts {
		if len(t.key) != 1 {
			continue
		}
		if c, _ := t.column(t.key[0]); c.kind != kindInt {
			continue
		}
		var seq sql.NullString
		if err := q.QueryRowContext(ctx, `SELECT pg_get_serial_sequence($1, $2)`, ident(t.name), t.key[0]).Scan(&seq); err != nil {
			return fmt.Errorf("target: find the sequence of %s: %w", t.name, err)
		}
		if !seq.Valid {
			continue
		}
		if _, err := q.ExecContext(ctx, `SELECT setval($1, COALESCE((SELECT MAX(`+ident(t.key[0])+`) FROM `+ident(t.name)+`), 0) + 1, false)`, seq.String); err != nil {
			return fmt.Errorf("target: set the sequence of %s: %w", t.name, err)
		}
	}
	return nil
}

// convert turns a value read from one database into what the other's
// column of kind k takes.
func convert(v any, k kind) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch k {
	case kindInt:
		switch v := v.(type) {
		case int64:
			return v, nil
		case bool:
			if v {
				return int64(1), nil
			}
			return int64(0), nil
		}
	case kindBool:
		switch v := v.(type) {
		case bool:
			return v, nil
		case int64:
			return v != 0, nil
		}
	case kindText:
		switch v := v.(type) {
		case string:
			return v, nil
		case []byte:
			return string(v), nil
		case time.Time:
			return v.UTC().Format(timeLayout), nil
		}
	case kindTime:
		switch v := v.(type) {
		case time.Time:
			return v.UTC(), nil
		case string:
			t, err := time.Parse(time.RFC3339Nano, v)
			if err != nil {
				return nil, fmt.Errorf("not a time: %q", v)
			}
			return t.UTC(), nil
		}
	case kindBytes:
		switch v := v.(type) {
		case []byte:
			return v, nil
		case string:
			return []byte(v), nil
		}
	case kindFloat:
		switch v := v.(type) {
		case float64:
			return v, nil
		case int64:
			return float64(v), nil
		}
	}
	return nil, fmt.Errorf("cannot store a %T in a column of this type", v)
}

func size(v any) int {
	switch v := v.(type) {
	case string:
		return len(v)
	case []byte:
		return len(v)
	}
	return 8
}

// Checksums reads every copied table of st in one snapshot and returns
// its count and checksum, in copy order.
func Checksums(ctx context.Context, st Store) ([]TableSum, error) {
	pg, err := IsPostgres(st)
	if err != nil {
		return nil, err
	}
	tx, err := beginSnapshot(ctx, st.ReadDB(), pg)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	s, err := readSchema(ctx, tx, pg)
	if err != nil {
		return nil, err
	}
	order, err := s.copied()
	if err != nil {
		return nil, err
	}
	var out []TableSum
	for _, t := range order {
		cols := t.sortedColumns()
		rows, err := tx.QueryContext(ctx, selectRows(t, cols))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", t.name, err)
		}
		h := newHasher()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read %s: %w", t.name, err)
			}
			h.row(vals)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", t.name, err)
		}
		out = append(out, h.sum(t.name))
	}
	return out, nil
}

// Compare returns an error naming every table whose count or checksum in
// got differs from want, or that one has and the other lacks.
func Compare(want, got []TableSum) error {
	g := map[string]TableSum{}
	for _, s := range got {
		g[s.Name] = s
	}
	var bad []string
	for _, w := range want {
		s, ok := g[w.Name]
		switch {
		case !ok:
			bad = append(bad, w.Name+" is missing")
		case s.Rows != w.Rows:
			bad = append(bad, fmt.Sprintf("%s has %d rows, want %d", w.Name, s.Rows, w.Rows))
		case s.Checksum != w.Checksum:
			bad = append(bad, fmt.Sprintf("%s has %d rows as it should, but their content differs", w.Name, s.Rows))
		}
		delete(g, w.Name)
	}
	for name, s := range g {
		if s.Rows > 0 {
			bad = append(bad, fmt.Sprintf("%s has %d rows, want none", name, s.Rows))
		}
	}
	if len(bad) > 0 {
		sort.Strings(bad)
		return errors.New(strings.Join(bad, "; "))
	}
	return nil
}

// hasher sums the SHA-256 of rows.
type hasher struct {
	n   int64
	acc *big.Int
	mod *big.Int
	buf []byte
}

func newHasher() *hasher {
	return &hasher{acc: new(big.Int), mod: new(big.Int).Lsh(big.NewInt(1), 256)}
}

// row adds one row. Each value is a type tag, its length and its bytes,
// in one form for both databases: times as SQLite's text, booleans as
// integers, text and bytes alike.
func (h *hasher) row(vals []any) {
	h.buf = h.buf[:0]
	for _, v := range vals {
		tag, b := canonical(v)
		h.buf = append(h.buf, tag)
		h.buf = binary.BigEndian.AppendUint64(h.buf, uint64(len(b)))
		h.buf = append(h.buf, b...)
	}
	sum := sha256.Sum256(h.buf)
	h.acc.Add(h.acc, new(big.Int).SetBytes(sum[:]))
	h.acc.Mod(h.acc, h.mod)
	h.n++
}

func (h *hasher) sum(name string) TableSum {
	b := make([]byte, 32)
	h.acc.FillBytes(b)
	return TableSum{Name: name, Rows: h.n, Checksum: hex.EncodeToString(b)}
}

func canonical(v any) (byte, []byte) {
	switch v := v.(type) {
	case nil:
		return 'n', nil
	case int64:
		return 'i', strconv.AppendInt(nil, v, 10)
	case bool:
		if v {
			return 'i', []byte("1")
		}
		return 'i', []byte("0")
	case float64:
		return 'f', strconv.AppendFloat(nil, v, 'g', -1, 64)
	case time.Time:
		return 's', []byte(v.UTC().Format(timeLayout))
	case string:
		return 's', []byte(v)
	case []byte:
		return 's', v
	}
	return '?', fmt.Appendf(nil, "%v", v)
}

// CopyMedia copies every file of from that to lacks, and returns how
// many files it copied and their bytes. Names are content hashes, so a
// file to already has is the same file.
func CopyMedia(ctx context.Context, from, to media.Storage) (files int, bytes int64, err error) {
	err = from.Walk(ctx, func(name string, size int64) error {
		if ok, err := to.Exists(ctx, name); err != nil {
			return err
		} else if ok {
			return nil
		}
		f, err := from.Open(ctx, name)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := to.Put(ctx, name, f, f.Size()); err != nil {
			return err
		}
		files++
		bytes += f.Size()
		return nil
	})
	if err != nil {
		return files, bytes, fmt.Errorf("copy media from %s to %s: %w", from, to, err)
	}
	return files, bytes, nil
}
