package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/storetest"
)

// TestImportWXRAuthorMap runs "warta import wxr --author-map" into a site
// whose staff is there already, on SQLite and PostgreSQL: a map with a
// target that is not here is refused with its line and nothing is
// imported; the right map signs the posts with the staff's profile and
// makes no copy of them; the environment twin does the same again.
func TestImportWXRAuthorMap(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			ctx := context.Background()
			site := []string{"--data", t.TempDir()}
			if db == "postgres" {
				site = append(site, "--database", storetest.PostgresURL(t))
			}
			cli := func(env map[string]string, args ...string) (int, string, string) {
				t.Helper()
				var stdout, stderr syncBuffer
				getenv := func(k string) string { return env[k] }
				code := run(ctx, append([]string{"warta"}, args...), getenv, strings.NewReader(""), &stdout, &stderr)
				return code, stdout.String(), stderr.String()
			}
			withSite := func(args ...string) []string {
				return append(args, site...)
			}
			if code, out, errs := cli(nil, append(withSite("user"), "add", "--email", "sari.w@redaksi.id",
				"--name", "Sari Wulandari", "--role", "author")...); code != 0 {
				t.Fatalf("user add exited %d: %s %s", code, out, errs)
			}
			fixture := filepath.Join("..", "..", "importer", "wxr", "testdata", "kabar.wxr")
			dir := t.TempDir()
			bad := filepath.Join(dir, "salah.txt")
			good := filepath.Join(dir, "penulis.txt")
			writeMapFile(t, bad, "sari = sari.w@redaksi.id\n# Dimas\nDimas.P = dimas-pratama\n")
			writeMapFile(t, good, "# login WordPress = email atau slug penulis di Warta\nsari = sari.w@redaksi.id\nwartawan-tamu = -\n")

			code, out, errs := cli(nil, append(withSite("import", "wxr", "--author-map", bad), fixture)...)
			if code == 0 || !strings.Contains(errs, bad+", line 3") || !strings.Contains(errs, `"dimas-pratama"`) ||
				!strings.Contains(errs, "nothing was imported") {
				t.Errorf("a map naming no one here: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
			}
			st := openSiteStore(t, site)
			if _, n, _ := st.Articles(ctx, warta.ArticleFilter{}); n != 0 {
				t.Errorf("the refused map let %d articles in", n)
			}
			if authors, _ := st.Authors(ctx); len(authors) != 1 {
				t.Errorf("%d authors after the refused map, want Sari's alone", len(authors))
			}

			code, out, errs = cli(nil, append(withSite("import", "wxr", "--author-map", good), fixture)...)
			if code != 0 {
				t.Fatalf("import exited %d\nstdout: %s\nstderr: %s", code, out, errs)
			}
			for _, want := range []string{"authors mapped 1", "author wartawan-tamu", `signed "Redaksi"`} {
				if !strings.Contains(out, want) {
					t.Errorf("report lacks %q:\n%s", want, out)
				}
			}
			sari, err := st.UserByEmail(ctx, "sari.w@redaksi.id")
			if err != nil {
				t.Fatal(err)
			}
			a, err := st.ArticleBySlug(ctx, "harga-ikan-naik")
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Authors) != 1 || a.Authors[0].ID != sari.AuthorID {
				t.Errorf("harga-ikan-naik is signed by %+v, want Sari's profile %d", a.Authors, sari.AuthorID)
			}
			profile, _ := st.AuthorByID(ctx, sari.AuthorID)
			if got, err := st.RedirectFor(ctx, "/author/sari/"); err != nil || got != "/author/"+profile.Slug+"/" {
				t.Errorf("/author/sari/ redirects to %q, %v; want /author/%s/", got, err, profile.Slug)
			}
			if _, err := st.UserByEmail(ctx, "sari@kabar.example.id"); warta.ErrorCode(err) != warta.ENOTFOUND {
				t.Errorf("the WordPress email of a mapped login got an account: %v", err)
			}
			authors, _ := st.Authors(ctx)
			users, _ := st.CountUsers(ctx)

			// The environment twin, and a second run: nothing new.
			env := map[string]string{"WARTA_IMPORT_AUTHOR_MAP": good}
			if code, out, errs := cli(env, append(withSite("import", "wxr"), fixture)...); code != 0 || !strings.Contains(out, "authors mapped 1") {
				t.Fatalf("import with WARTA_IMPORT_AUTHOR_MAP exited %d\nstdout: %s\nstderr: %s", code, out, errs)
			}
			if again, _ := st.Authors(ctx); len(again) != len(authors) {
				t.Errorf("second run: %d authors, want %d", len(again), len(authors))
			}
			if again, _ := st.CountUsers(ctx); again != users {
				t.Errorf("second run: %d users, want %d", again, users)
			}
		})
	}
}

// openSiteStore opens the database that the --data/--database flags in
// site name, as the commands do.
func openSiteStore(t *testing.T, site []string) store {
	t.Helper()
	var s siteFlags
	for i := 0; i+1 < len(site); i += 2 {
		switch site[i] {
		case "--data":
			s.Data = site[i+1]
		case "--database":
			s.Database = site[i+1]
		}
	}
	st, err := openStore(context.Background(), s, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func writeMapFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
