package postgres_test

import (
	"context"
	"database/sql"
	"regexp"
	"strings"
	"testing"

	"warta/storetest"
)

// seqScan finds a plan node that reads a growing table from end to end.
// Sections, tags, authors and settings are a handful of rows that pages
// list whole.
var seqScan = regexp.MustCompile(`Seq Scan on (articles|comments|article_tags|article_authors|article_slugs|corrections|sessions|users|rate_limits|search_index)\b`)

// indexScan finds a plan node that reads through an index.
var indexScan = regexp.MustCompile(`(Index Scan|Index Only Scan)( Backward)? using |Bitmap Index Scan on `)

// TestQueryPlans runs EXPLAIN on every statement the store's lists and
// lookups run (storetest.LookupQueries) and checks that each can find its
// rows through an index. The test tables are small, and on small tables
// PostgreSQL rightly prefers reading them whole, so sequential scans are
// turned off for the EXPLAIN: the planner then shows whether an index
// CAN serve the query, and falls back to a Seq Scan only when none can.
func TestQueryPlans(t *testing.T) {
	db := MustOpenMigrated(t, storetest.Clock(t))
	ctx := context.Background()
	queries := storetest.LookupQueries(t, db)
	// Statistics, as autovacuum would have gathered them on a live site,
	// so the planner picks among indexes knowing what the tables hold.
	if _, err := db.WriteDB().ExecContext(ctx, `ANALYZE`); err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		plan, err := explain(ctx, db.ReadDB(), q)
		if err != nil {
			t.Errorf("%s: EXPLAIN: %v\n%s", q.Case, err, q.Query)
			continue
		}
		t.Logf("%s:\n%s", q.Case, plan)
		if m := seqScan.FindString(plan); m != "" {
			t.Errorf("%s: %s:\n%s\nplan:\n%s", q.Case, m, strings.TrimSpace(q.Query), plan)
		} else if !indexScan.MatchString(plan) && !strings.HasPrefix(strings.TrimSpace(q.Query), "INSERT") {
			t.Errorf("%s uses no index:\n%s\nplan:\n%s", q.Case, strings.TrimSpace(q.Query), plan)
		}
	}
}

// explain returns PostgreSQL's plan for q, without running it, with
// sequential scans discouraged.
func explain(ctx context.Context, db *sql.DB, q storetest.TracedQuery) (string, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off`); err != nil {
		return "", err
	}
	rows, err := tx.QueryContext(ctx, "EXPLAIN "+q.Query, q.Args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"), rows.Err()
}
