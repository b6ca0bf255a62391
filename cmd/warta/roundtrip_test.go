package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"warta/demo"
	"warta/exporter/exportertest"
	"warta/storetest"
)

// snapshotSite reads the whole site in a SQLite data folder, or in the
// PostgreSQL database dbURL when it is not empty.
func snapshotSite(t *testing.T, dir, dbURL string) *exportertest.Site {
	t.Helper()
	ctx := context.Background()
	st, err := openStore(ctx, siteFlags{Data: dir, Database: dbURL}, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	s, err := exportertest.Snapshot(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExportImportRoundTrip exports the fixture site (every kind of
// content: articles in all five statuses, threaded comments in all four,
// pages, media, an empty section) as WXR with its private data, imports
// the file into an empty site with "warta import wxr", and compares the
// two sites field by field: into SQLite, and into PostgreSQL.
func TestExportImportRoundTrip(t *testing.T) {
	from := fixtureSite(t)
	file := filepath.Join(t.TempDir(), "situs.xml")
	if code, _, stderr := cli(t, "export", "wxr", "--include-private", "--data", from, "--base-url", "https://warta.example", "-o", file); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			to, dbURL := t.TempDir(), ""
			if db == "postgres" {
				dbURL = storetest.PostgresURL(t)
			}
			code, stdout, stderr := cli(t, "import", "wxr", "--data", to, "--database", dbURL, "--uploads", filepath.Join(from, "media"), file)
			if code != 0 {
				t.Fatalf("import: exit %d: %s\n%s", code, stderr, stdout)
			}
			roundTripped(t, snapshotSite(t, from, ""), snapshotSite(t, to, dbURL))
		})
	}
}

// roundTripped compares the site after export and import with the site
// before.
func roundTripped(t *testing.T, want, got *exportertest.Site) {
	t.Helper()
	forgetKnownLosses(want, got)

	compare(t, "sections", got.Sections, want.Sections)
	compare(t, "tags", got.Tags, want.Tags)
	compare(t, "authors", got.Authors, want.Authors)
	compare(t, "media", got.Media, want.Media)
	compare(t, "pages", got.Pages, want.Pages)
	if len(got.Articles) != len(want.Articles) {
		t.Fatalf("%d articles after the round trip, want %d", len(got.Articles), len(want.Articles))
	}
	for i := range want.Articles {
		g, w := got.Articles[i], want.Articles[i]
		compare(t, "the comments of "+w.Slug, g.Comments, w.Comments)
		g.Comments, w.Comments = nil, nil
		compare(t, "article "+w.Slug, g, w)
	}
}

// forgetKnownLosses blanks, on both sides, what "warta import wxr" does
// not bring back yet although the export carries it (docs/export-json.md
// lists where). Each line is a gap in the import, not a choice: delete
// the line when the import learns the field, and this test then holds it
// to it.
func forgetKnownLosses(want, got *exportertest.Site) {
	for _, site := range []*exportertest.Site{want, got} {
		for i := range site.Articles {
			a := &site.Articles[i]
			a.RevisedAt = time.Time{} // _warta_revised_at: ImportArticle has no place for it
			a.Corrections = nil       // _warta_corrections: nor for corrections
		}
	}
}

func compare(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s differ after export and import:\n got %s\nwant %s", what, show(got), show(want))
	}
}

func show(v any) string { return strings.ReplaceAll(fmt.Sprintf("%+v", v), "\n", `\n`) }

// TestDemoRoundTrip does the same with the demo site: real-length
// Indonesian articles in every section, from "warta serve --demo", whose
// lead images are files in the media folder rather than library entries.
func TestDemoRoundTrip(t *testing.T) {
	from := t.TempDir()
	ctx := context.Background()
	st, err := openStore(ctx, siteFlags{Data: from}, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := demo.Seed(ctx, st, filepath.Join(from, "media"), time.Now())
	st.Close()
	if err != nil || n == 0 {
		t.Fatalf("demo: %d articles, %v", n, err)
	}
	file := filepath.Join(t.TempDir(), "demo.xml")
	if code, _, stderr := cli(t, "export", "wxr", "--data", from, "--base-url", "https://warta.example", "-o", file); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	to := t.TempDir()
	if code, stdout, stderr := cli(t, "import", "wxr", "--data", to, "--uploads", filepath.Join(from, "media"), file); code != 0 {
		t.Fatalf("import: exit %d: %s\n%s", code, stderr, stdout)
	}
	want, got := snapshotSite(t, from, ""), snapshotSite(t, to, "")
	if len(want.Articles) != n {
		t.Fatalf("the demo has %d articles, the snapshot %d", n, len(want.Articles))
	}
	roundTripped(t, want, got)
	for _, a := range got.Articles {
		path, _, _ := strings.Cut(a.LeadImage, "|")
		if _, err := os.Stat(filepath.Join(to, "media", filepath.FromSlash(path))); path == "" || err != nil {
			t.Errorf("%s: lead image %q is not in the new media folder (%v)", a.Slug, path, err)
		}
	}
}
