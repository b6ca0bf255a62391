package main

import (
	"strings"
	"testing"

	"warta"
	"warta/postgres"
	"warta/storetest"
)

// TestServeReadReplica serves with --database-replica pointing at a
// second database that stands in for a replica (it holds a section of
// another name): anonymous pages read from it, a reader with a personal
// cookie and the newsroom read the primary.
func TestServeReadReplica(t *testing.T) {
	primaryURL, replicaURL := storetest.PostgresURL(t), storetest.PostgresURL(t)
	for url, name := range map[string]string{primaryURL: "Dari primer", replicaURL: "Dari replika"} {
		st, err := postgres.Open(t.Context(), url, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Migrate(t.Context()); err != nil {
			t.Fatal(err)
		}
		storetest.MustCreateSection(t, st, &warta.Section{Slug: "utama", Name: name})
		st.Close()
	}
	s := MustServe(t, "--data", t.TempDir(), "--database", primaryURL, "--database-replica", replicaURL)

	if _, body := get(t, s.URL+"/section/utama/"); !strings.Contains(body, "Dari replika") {
		t.Errorf("an anonymous reader's section page does not come from the replica")
	}
	if _, body := get(t, s.URL+"/section/utama/", "Cookie", "warta_own_comments=x"); !strings.Contains(body, "Dari primer") {
		t.Errorf("a page for a reader with their own comments does not come from the primary")
	}

	code, _, errOut := cli(t, "serve", "--data", t.TempDir(), "--database-replica", replicaURL)
	if code == 0 || !strings.Contains(errOut, "--database-replica") || !strings.Contains(errOut, "PostgreSQL") {
		t.Errorf("serve on SQLite with a replica: exit %d, %q; want a refusal that says it needs PostgreSQL", code, errOut)
	}
}
