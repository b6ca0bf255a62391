package sitecopy

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// policy says what the copier does with one of Warta's tables.
type policy int

const (
	copyRows policy = iota // copied row for row
	skipRows               // left out on purpose (see why)
	rebuilt                // derived from other tables; the target rebuilds it
)

// table is what the copier knows of one table Warta's migrations make.
type table struct {
	policy policy
	why    string // for skipRows and rebuilt
}

// tables lists every table Warta's migrations create, in both databases.
// The columns, keys and the order of copying come from the database's
// own catalogue; this list only says what to do with each table, so a
// new migration that adds a table must add it here: the copier refuses a
// database holding a table it does not know (it may be another program's,
// or a newer Warta's), and TestEveryTableIsKnown fails on a freshly
// migrated database until the new table is listed.
//
// import_keys and redirects come from the WordPress import's migration
// (0008), not merged when this was written; listing them early costs
// nothing, since a known table that is absent is simply not copied.
var tables = map[string]table{
	"sections":          {policy: copyRows},
	"tags":              {policy: copyRows},
	"authors":           {policy: copyRows},
	"articles":          {policy: copyRows},
	"article_slugs":     {policy: copyRows},
	"article_tags":      {policy: copyRows},
	"article_authors":   {policy: copyRows},
	"comments":          {policy: copyRows},
	"settings":          {policy: copyRows},
	"rate_limits":       {policy: copyRows},
	"users":             {policy: copyRows},
	"login_failures":    {policy: copyRows},
	"audit_log":         {policy: copyRows},
	"stashes":           {policy: copyRows},
	"media":             {policy: copyRows},
	"revisions":         {policy: copyRows},
	"corrections":       {policy: copyRows},
	"changes":           {policy: copyRows},
	"pages":             {policy: copyRows},
	"import_keys":       {policy: copyRows},
	"redirects":         {policy: copyRows},
	"api_tokens":        {policy: copyRows},
	"article_documents": {policy: copyRows},

	"sessions":          {policy: skipRows, why: "staff sign in again on the new database"},
	"schema_migrations": {policy: skipRows, why: "the target's own migrations record its schema"},

	"search_index": {policy: rebuilt, why: "PostgreSQL's search documents, rebuilt from the articles"},
	"search_id":    {policy: rebuilt, why: "SQLite's Indonesian search index, rebuilt from the articles"},
	"search_en":    {policy: rebuilt, why: "SQLite's English search index, rebuilt from the articles"},
}

// kind is how a column's values are stored, as far as copying between
// the two databases cares: SQLite keeps times as text and booleans as
// integers, PostgreSQL in their own types.
type kind int

const (
	kindText kind = iota
	kindInt
	kindBool
	kindTime
	kindBytes
	kindFloat
	kindOther // a type the copier does not convert (tsvector); only in tables it never copies
)

type column struct {
	name string
	kind kind
}

// tableInfo is one table as a database's catalogue describes it.
type tableInfo struct {
	name    string
	virtual bool     // an SQLite virtual table (FTS5)
	columns []column // in the database's order
	key     []string // primary-key columns, in key order
	refs    []string // tables its foreign keys point to (itself excluded)
}

// schema is what one database holds.
type schema struct {
	postgres bool
	tables   map[string]*tableInfo
}

// readSchema reads the catalogue of db: every table of the current
// schema (SQLite's own and FTS5's shadow tables excepted), its columns,
// primary key and foreign keys.
func readSchema(ctx context.Context, q querier, postgres bool) (*schema, error) {
	s := &schema{postgres: postgres, tables: map[string]*tableInfo{}}
	var names []string
	var err error
	if postgres {
		names, err = strs(ctx, q, `SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema()`)
	} else {
		// pragma_table_list says which tables are FTS5's shadows.
		names, err = strs(ctx, q, `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite!_%' ESCAPE '!'`)
	}
	if err != nil {
		return nil, fmt.Errorf("read the list of tables: %w", err)
	}
	for _, name := range names {
		t, err := readTable(ctx, q, postgres, name)
		if err != nil {
			return nil, fmt.Errorf("read table %s: %w", name, err)
		}
		s.tables[name] = t
	}
	return s, nil
}

func readTable(ctx context.Context, q querier, postgres bool, name string) (*tableInfo, error) {
	t := &tableInfo{name: name}
	if postgres {
		rows, err := q.QueryContext(ctx, `SELECT column_name, data_type FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`, name)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var c, typ string
			if err := rows.Scan(&c, &typ); err != nil {
				return nil, err
			}
			t.columns = append(t.columns, column{name: c, kind: postgresKind(typ)})
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if t.key, err = strs(ctx, q, `SELECT k.column_name
			FROM information_schema.table_constraints c
			JOIN information_schema.key_column_usage k
			  ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name
			WHERE c.table_schema = current_schema() AND c.table_name = $1 AND c.constraint_type = 'PRIMARY KEY'
			ORDER BY k.ordinal_position`, name); err != nil {
			return nil, err
		}
		if t.refs, err = strs(ctx, q, `SELECT DISTINCT f.relname
			FROM pg_catalog.pg_constraint c
			JOIN pg_catalog.pg_class r ON r.oid = c.conrelid
			JOIN pg_catalog.pg_class f ON f.oid = c.confrelid
			JOIN pg_catalog.pg_namespace n ON n.oid = r.relnamespace
			WHERE c.contype = 'f' AND n.nspname = current_schema() AND r.relname = $1 AND f.relname <> r.relname`, name); err != nil {
			return nil, err
		}
		return t, nil
	}

	var sqlText string
	if err := q.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`, name).Scan(&sqlText); err != nil {
		return nil, err
	}
	t.virtual = strings.HasPrefix(strings.ToUpper(strings.TrimSpace(sqlText)), "CREATE VIRTUAL")
	rows, err := q.QueryContext(ctx, `SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid`, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type keyCol struct {
		name string
		pos  int
	}
	var keys []keyCol
	for rows.Next() {
		var c, typ string
		var pk int
		if err := rows.Scan(&c, &typ, &pk); err != nil {
			return nil, err
		}
		t.columns = append(t.columns, column{name: c, kind: sqliteKind(typ)})
		if pk > 0 {
			keys = append(keys, keyCol{c, pk})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].pos < keys[j].pos })
	for _, k := range keys {
		t.key = append(t.key, k.name)
	}
	if t.refs, err = strs(ctx, q, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?) WHERE "table" <> ?`, name, name); err != nil {
		return nil, err
	}
	return t, nil
}

// postgresKind maps information_schema's data_type.
func postgresKind(typ string) kind {
	switch typ {
	case "bigint", "integer", "smallint":
		return kindInt
	case "boolean":
		return kindBool
	case "timestamp with time zone", "timestamp without time zone":
		return kindTime
	case "bytea":
		return kindBytes
	case "double precision", "real", "numeric":
		return kindFloat
	case "text", "character varying", "character":
		return kindText
	}
	return kindOther
}

// sqliteKind maps a declared column type. Warta's SQLite tables are
// STRICT, so the types are exactly these.
func sqliteKind(typ string) kind {
	switch strings.ToUpper(typ) {
	case "INTEGER", "INT":
		return kindInt
	case "TEXT":
		return kindText
	case "BLOB":
		return kindBytes
	case "REAL":
		return kindFloat
	}
	return kindOther
}

// unknown returns the tables of s that the copier does not know, sorted.
func (s *schema) unknown() []string {
	var out []string
	for name := range s.tables {
		if _, ok := tables[name]; !ok {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// copied returns the tables of s whose rows are copied, every table after
// the tables it refers to (ties by name, so the order is stable). A cycle
// of foreign keys between tables would have no such order; Warta's
// schema has none, and the error says so if one appears.
func (s *schema) copied() ([]*tableInfo, error) {
	var todo []*tableInfo
	for name, t := range s.tables {
		if tables[name].policy == copyRows {
			todo = append(todo, t)
		}
	}
	return s.order(todo)
}

// order sorts ts so that each comes after the tables it refers to.
func (s *schema) order(ts []*tableInfo) ([]*tableInfo, error) {
	sort.Slice(ts, func(i, j int) bool { return ts[i].name < ts[j].name })
	done := map[string]bool{}
	var out []*tableInfo
	for len(out) < len(ts) {
		progress := false
		for _, t := range ts {
			if done[t.name] {
				continue
			}
			ready := true
			for _, r := range t.refs {
				if _, in := s.tables[r]; in && !done[r] && slices.ContainsFunc(ts, func(x *tableInfo) bool { return x.name == r }) {
					ready = false
					break
				}
			}
			if ready {
				done[t.name] = true
				out = append(out, t)
				progress = true
			}
		}
		if !progress {
			return nil, fmt.Errorf("the tables' foreign keys form a cycle; the copier cannot order them")
		}
	}
	return out, nil
}

// sortedColumns returns t's column names by name: the two databases
// order some columns differently (PostgreSQL's ALTER TABLE appends,
// SQLite's rebuild of articles did not), and a row's checksum must not
// depend on that.
func (t *tableInfo) sortedColumns() []column {
	cols := slices.Clone(t.columns)
	sort.Slice(cols, func(i, j int) bool { return cols[i].name < cols[j].name })
	return cols
}

func (t *tableInfo) column(name string) (column, bool) {
	for _, c := range t.columns {
		if c.name == name {
			return c, true
		}
	}
	return column{}, false
}

// querier is what *sql.DB, *sql.Conn and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func strs(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ident quotes a name from the catalogue for SQL.
func ident(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
