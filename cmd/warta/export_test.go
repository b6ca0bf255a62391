package main

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"warta/exporter"
	"warta/exporter/exportertest"
	"warta/postgres"
	"warta/sqlite"
	"warta/storetest"
)

// fixtureSite makes a data folder holding the exporter's fixture site.
func fixtureSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	clock := time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
	st, err := sqlite.Open(ctx, dir, func() time.Time { return clock })
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := exportertest.Build(ctx, st, filepath.Join(dir, "media"), clock, func() { clock = clock.Add(time.Second) }); err != nil {
		t.Fatal(err)
	}
	return dir
}

// wxrHead is enough of a WXR file to see it is one.
type wxrHead struct {
	Channel struct {
		WXRVersion string `xml:"http://wordpress.org/export/1.2/ wxr_version"`
		BaseURL    string `xml:"http://wordpress.org/export/1.2/ base_site_url"`
		Items      []struct {
			Type     string `xml:"http://wordpress.org/export/1.2/ post_type"`
			Name     string `xml:"http://wordpress.org/export/1.2/ post_name"`
			Date     string `xml:"http://wordpress.org/export/1.2/ post_date"`
			Comments []struct {
				Email string `xml:"http://wordpress.org/export/1.2/ comment_author_email"`
			} `xml:"http://wordpress.org/export/1.2/ comment"`
		} `xml:"item"`
	} `xml:"channel"`
}

func TestExportCommand(t *testing.T) {
	dir := fixtureSite(t)

	t.Run("wxr to a file", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "situs.xml")
		code, stdout, stderr := cli(t, "export", "wxr", "--data", dir, "--base-url", "https://warta.example", "-o", out)
		if code != 0 || stdout != "" {
			t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var f wxrHead
		if err := xml.Unmarshal(b, &f); err != nil {
			t.Fatalf("not XML: %v", err)
		}
		if f.Channel.WXRVersion != "1.2" || f.Channel.BaseURL != "https://warta.example" || len(f.Channel.Items) != 10 {
			t.Errorf("wxr_version %q, base %q, %d items", f.Channel.WXRVersion, f.Channel.BaseURL, len(f.Channel.Items))
		}
		if strings.Contains(string(b), exportertest.CommenterEmail) {
			t.Error("the export carries a commenter's email without --include-private")
		}
		if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o644 {
			t.Errorf("file mode %v, want 0644", fi.Mode().Perm())
		}
		leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*tmp"))
		if len(leftovers) > 0 {
			t.Errorf("temporary files left behind: %v", leftovers)
		}
	})

	t.Run("private wxr", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "situs.xml")
		code, _, stderr := cli(t, "export", "wxr", "--include-private", "--data", dir, "--base-url", "https://warta.example/", "--output", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		b, _ := os.ReadFile(out)
		var f wxrHead
		if err := xml.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range f.Channel.Items {
			for _, c := range it.Comments {
				if c.Email == exportertest.CommenterEmail {
					n++
				}
			}
		}
		if n != 6 {
			t.Errorf("%d comments carry the email, want all 6", n)
		}
		if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
			t.Errorf("a private export has mode %v, want 0600", fi.Mode().Perm())
		}
	})

	t.Run("json to stdout", func(t *testing.T) {
		code, stdout, stderr := cli(t, "export", "json", "--data", dir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var f struct {
			Version  int                    `json:"version"`
			Articles []exporter.JSONArticle `json:"articles"`
			Comments []exporter.JSONComment `json:"comments"`
		}
		if err := json.Unmarshal([]byte(stdout), &f); err != nil {
			t.Fatalf("not JSON: %v", err)
		}
		if f.Version != exporter.JSONVersion || len(f.Articles) != 5 || len(f.Comments) != 6 {
			t.Errorf("version %d, %d articles, %d comments", f.Version, len(f.Articles), len(f.Comments))
		}
		if strings.Contains(stdout, exportertest.CommenterEmail) || strings.Contains(stdout, exportertest.CommenterIP) {
			t.Error("the JSON carries private data without --include-private")
		}
		code, stdout, _ = cli(t, "export", "--data", dir, "--include-private", "json")
		if code != 0 || !strings.Contains(stdout, exportertest.CommenterEmail) {
			t.Errorf("with --include-private (flags before the format): exit %d, email present %v", code, strings.Contains(stdout, exportertest.CommenterEmail))
		}
	})

	t.Run("the settings' time zone wins", func(t *testing.T) {
		if code, _, stderr := cli(t, "settings", "--data", dir, "set", "site_timezone", "Asia/Jayapura"); code != 0 {
			t.Fatalf("settings set: %s", stderr)
		}
		defer cli(t, "settings", "--data", dir, "set", "site_timezone", "")
		code, stdout, stderr := cli(t, "export", "wxr", "--data", dir, "--base-url", "https://warta.example", "--timezone", "UTC")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var f wxrHead
		if err := xml.Unmarshal([]byte(stdout), &f); err != nil {
			t.Fatal(err)
		}
		var js struct {
			Site     exporter.JSONSite      `json:"site"`
			Articles []exporter.JSONArticle `json:"articles"`
		}
		_, out, _ := cli(t, "export", "json", "--data", dir)
		if err := json.Unmarshal([]byte(out), &js); err != nil || js.Site.Timezone != "Asia/Jayapura" {
			t.Errorf("JSON site time zone %q (%v), want Asia/Jayapura", js.Site.Timezone, err)
		}
		jayapura, _ := time.LoadLocation("Asia/Jayapura")
		checked := 0
		for _, a := range js.Articles {
			for _, it := range f.Channel.Items {
				if it.Type == "post" && it.Name == a.Slug && a.PublishedAt != nil {
					checked++
					if want := a.PublishedAt.In(jayapura).Format("2006-01-02 15:04:05"); it.Date != want {
						t.Errorf("%s: post_date %q, want %q (WIT)", a.Slug, it.Date, want)
					}
				}
			}
		}
		if checked != 3 {
			t.Errorf("checked %d dates, want 3", checked)
		}
	})

	t.Run("help", func(t *testing.T) {
		code, stdout, _ := cli(t, "export", "--help")
		if code != 0 || !strings.Contains(stdout, "--include-private") || !strings.Contains(stdout, "docs/export-json.md") {
			t.Errorf("exit %d, help %q", code, stdout)
		}
		if _, stdout, _ := cli(t, "help"); !strings.Contains(stdout, "warta export wxr|json") {
			t.Errorf("warta help does not list export: %q", stdout)
		}
	})

	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no format", []string{"export", "--data", dir}, 2, "Usage: warta export"},
		{"unknown format", []string{"export", "csv", "--data", dir}, 2, `unknown format "csv"`},
		{"wxr without base URL", []string{"export", "wxr", "--data", dir}, 1, "--base-url"},
		{"relative base URL", []string{"export", "wxr", "--data", dir, "--base-url", "warta.example"}, 1, "absolute"},
		{"bad time zone", []string{"export", "json", "--data", dir, "--timezone", "Mars/Olympus"}, 1, "time zone"},
		{"missing folder", []string{"export", "json", "--data", dir, "-o", filepath.Join(dir, "no", "such", "x.json")}, 1, "cannot write in"},
		{"two formats", []string{"export", "wxr", "json", "--data", dir}, 2, "Usage: warta export"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := cli(t, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) || stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, stdout, stderr, tc.code, tc.want)
			}
		})
	}
}

// TestExportPostgres exports the fixture site from PostgreSQL: the same
// shapes, and the same privacy, from the other database.
func TestExportPostgres(t *testing.T) {
	dbURL := storetest.PostgresURL(t)
	ctx := context.Background()
	clock := time.Now().Add(-time.Hour).UTC().Truncate(time.Second)
	st, err := postgres.Open(ctx, dbURL, func() time.Time { return clock })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = exportertest.Build(ctx, st, t.TempDir(), clock, func() { clock = clock.Add(time.Second) })
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := cli(t, "export", "wxr", "--data", t.TempDir(), "--database", dbURL, "--base-url", "https://warta.example")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var f wxrHead
	if err := xml.Unmarshal([]byte(stdout), &f); err != nil {
		t.Fatal(err)
	}
	if len(f.Channel.Items) != 10 || strings.Contains(stdout, exportertest.CommenterEmail) {
		t.Errorf("%d items; email present: %v", len(f.Channel.Items), strings.Contains(stdout, exportertest.CommenterEmail))
	}
}
