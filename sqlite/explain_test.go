package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"warta/storetest"
)

// scanned names the tables that grow with the site, and the aliases the
// store's queries give them: reading one of them whole is what an index
// must prevent. Sections, tags, authors and settings are a handful of rows
// that pages list whole; the CTE shown and the ranked subquery m are
// already narrowed.
var scanned = map[string]bool{
	"articles": true, "a": true,
	"comments": true, "c": true, "k": true, "r": true,
	"article_tags": true, "x": true, "t": true,
	"article_authors": true, "w": true,
	"article_slugs": true, "corrections": true,
	"sessions": true, "users": true, "rate_limits": true,
}

// TestQueryPlans runs EXPLAIN QUERY PLAN on every statement the store's
// lists and lookups run (storetest.LookupQueries) and checks that none
// reads a growing table from end to end: each finds its rows through an
// index, the integer primary key or the full-text index.
func TestQueryPlans(t *testing.T) {
	db := MustOpenMigrated(t, storetest.Clock(t))
	ctx := context.Background()
	for _, q := range storetest.LookupQueries(t, db) {
		rows, err := db.ReadDB().QueryContext(ctx, "EXPLAIN QUERY PLAN "+q.Query, q.Args...)
		if err != nil {
			t.Errorf("%s: EXPLAIN QUERY PLAN: %v\n%s", q.Case, err, q.Query)
			continue
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		t.Logf("%s:\n  %s", q.Case, strings.Join(plan, "\n  "))
		for _, step := range plan {
			if table, ok := fullScan(step); ok && scanned[table] {
				t.Errorf("%s reads %s whole:\n%s\nplan:\n  %s", q.Case, table, strings.TrimSpace(q.Query), strings.Join(plan, "\n  "))
			}
		}
	}
}

// fullScan reports whether a step of a query plan reads a table whole,
// and which: "SCAN a" does, "SCAN a USING INDEX …" walks an index in
// order (bounded by LIMIT), "SEARCH …" and "SCAN … VIRTUAL TABLE INDEX"
// do not.
func fullScan(step string) (string, bool) {
	rest, ok := strings.CutPrefix(step, "SCAN ")
	if !ok || strings.Contains(rest, " USING ") || strings.Contains(rest, "VIRTUAL TABLE") {
		return "", false
	}
	table, _, _ := strings.Cut(rest, " ")
	return table, true
}
