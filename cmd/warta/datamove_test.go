package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"warta/sitecopy"
	"warta/sqlite"
	"warta/storetest"
)

// siteFolder makes a data folder holding a site with every kind of row
// and one media file, and returns it with its tables' checksums.
func siteFolder(t *testing.T) (string, []sitecopy.TableSum) {
	t.Helper()
	dir := t.TempDir()
	st, err := sqlite.Open(context.Background(), dir, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	storetest.MustFillSite(t, st, "cli")
	if err := os.MkdirAll(filepath.Join(dir, "media", "lib", "ab"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "media", "lib", "ab", "cli.jpg"), []byte("\xff\xd8\xff foto"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, sums(t, dir)
}

func sums(t *testing.T, dir string) []sitecopy.TableSum {
	t.Helper()
	st, err := sqlite.Open(context.Background(), dir, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := sitecopy.Checksums(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestMigrateDBCLI(t *testing.T) {
	a, want := siteFolder(t)
	pg := storetest.PostgresURL(t)

	code, out, errOut := cli(t, "migrate-db", "--data", a, "--to", pg)
	if code != 0 {
		t.Fatalf("migrate-db to PostgreSQL exited %d: %s%s", code, out, errOut)
	}
	if !strings.Contains(out, "--database postgres://") || !strings.Contains(out, "checksum") {
		t.Errorf("migrate-db did not say which flag to change:\n%s", out)
	}

	// Again: the target now holds a site.
	code, _, errOut = cli(t, "migrate-db", "--data", a, "--to", pg)
	if code != 1 || !strings.Contains(errOut, "--force") || !strings.Contains(errOut, "not empty") {
		t.Errorf("migrate-db into a site exited %d: %s; want 1 and a hint at --force", code, errOut)
	}
	if code, out, errOut := cli(t, "migrate-db", "--data", a, "--to", pg, "--force"); code != 0 {
		t.Fatalf("migrate-db --force exited %d: %s%s", code, out, errOut)
	}

	// And back, into a new data folder: the media come along.
	b := filepath.Join(t.TempDir(), "kembali")
	code, out, errOut = cli(t, "migrate-db", "--data", a, "--database", pg, "--to", b)
	if code != 0 {
		t.Fatalf("migrate-db to SQLite exited %d: %s%s", code, out, errOut)
	}
	if !strings.Contains(out, "--data "+b) {
		t.Errorf("migrate-db did not name the flag:\n%s", out)
	}
	if err := sitecopy.Compare(want, sums(t, b)); err != nil {
		t.Errorf("the site after SQLite → PostgreSQL → SQLite: %v", err)
	}
	if got, err := os.ReadFile(filepath.Join(b, "media", "lib", "ab", "cli.jpg")); err != nil || string(got) != "\xff\xd8\xff foto" {
		t.Errorf("media file after migrate-db: %q, %v", got, err)
	}

	// Same kind, or no target: refused with a message.
	if code, _, errOut := cli(t, "migrate-db", "--data", a, "--to", t.TempDir()); code != 1 || !strings.Contains(errOut, "postgres://") {
		t.Errorf("migrate-db SQLite → SQLite exited %d: %s", code, errOut)
	}
	if code, _, _ := cli(t, "migrate-db", "--data", a); code != 2 {
		t.Errorf("migrate-db without --to exited %d, want 2", code)
	}
}

func TestBackupRestoreCLI(t *testing.T) {
	a, want := siteFolder(t)
	file := filepath.Join(t.TempDir(), "situs.tar.gz")
	code, out, errOut := cli(t, "backup", "--data", a, file)
	if code != 0 {
		t.Fatalf("backup exited %d: %s%s", code, out, errOut)
	}
	if !strings.Contains(out, "1 media files") {
		t.Errorf("backup said: %s", out)
	}
	if code, _, errOut := cli(t, "backup", "--data", a, file); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("backup over an existing file exited %d: %s", code, errOut)
	}

	b := filepath.Join(t.TempDir(), "pulih")
	code, out, errOut = cli(t, "restore", "--data", b, file)
	if code != 0 {
		t.Fatalf("restore exited %d: %s%s", code, out, errOut)
	}
	if !strings.Contains(out, "warta serve --data "+b) {
		t.Errorf("restore said: %s", out)
	}
	if err := sitecopy.Compare(want, sums(t, b)); err != nil {
		t.Errorf("restored site: %v", err)
	}
	if _, err := os.Stat(filepath.Join(b, "media", "lib", "ab", "cli.jpg")); err != nil {
		t.Errorf("media not restored: %v", err)
	}
	if code, _, errOut := cli(t, "restore", "--data", b, file); code != 1 || !strings.Contains(errOut, "nothing was restored") {
		t.Errorf("restore over a site exited %d: %s", code, errOut)
	}

	// A truncated archive: refused, nothing written.
	whole, _ := os.ReadFile(file)
	cut := filepath.Join(t.TempDir(), "terpotong.tar.gz")
	os.WriteFile(cut, whole[:len(whole)*2/3], 0o600)
	c := filepath.Join(t.TempDir(), "kosong")
	if code, _, errOut := cli(t, "restore", "--data", c, cut); code != 1 || !strings.Contains(errOut, "nothing was changed") {
		t.Errorf("restore of a truncated archive exited %d: %s", code, errOut)
	}
	if _, err := os.Stat(c); !os.IsNotExist(err) {
		entries, _ := os.ReadDir(c)
		if len(entries) > 0 {
			t.Errorf("a refused restore left %d entries in the data folder", len(entries))
		}
	}

	// Into PostgreSQL.
	pg := storetest.PostgresURL(t)
	code, out, errOut = cli(t, "restore", "--data", t.TempDir(), "--database", pg, file)
	if code != 0 {
		t.Fatalf("restore into PostgreSQL exited %d: %s%s", code, out, errOut)
	}
	if !strings.Contains(out, "--database postgres://") {
		t.Errorf("restore said: %s", out)
	}
}
