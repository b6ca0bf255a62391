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

// The testdata site of package mdimport: a Hugo tree and a Jekyll one,
// with one file whose front matter is broken (line 4).
var mdSite = filepath.Join("..", "..", "importer", "mdimport", "testdata", "site")

func TestImportMarkdownCLI(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testImportMarkdownCLI(t, nil) })
	t.Run("postgres", func(t *testing.T) {
		testImportMarkdownCLI(t, []string{"--database", storetest.PostgresURL(t)})
	})
}

func testImportMarkdownCLI(t *testing.T, dbArgs []string) {
	data := t.TempDir()
	hugo, jekyll := filepath.Join(mdSite, "hugo", "content"), filepath.Join(mdSite, "jekyll")
	args := func(extra ...string) []string {
		a := append([]string{"import", "markdown", "--data", data, "--section", "Umum"}, dbArgs...)
		return append(append(a, extra...), hugo, jekyll)
	}

	// A dry run reports what would happen and saves nothing.
	code, out, errOut := cli(t, args("--dry-run")...)
	if code != 1 || !strings.Contains(out, "Dry run, nothing saved; would have: 6 created, 0 updated, 0 unchanged, 1 failed; 4 files added") {
		t.Fatalf("dry run: exit %d\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(data, "media")); !os.IsNotExist(err) {
		t.Errorf("the dry run made the media folder: %v", err)
	}

	code, out, errOut = cli(t, args()...)
	if code != 1 {
		t.Errorf("exit %d with a broken file, want 1", code)
	}
	if !strings.Contains(out, "Imported: 6 created, 0 updated, 0 unchanged, 1 failed; 4 files added to the media library.") ||
		!regexpMatch(`created\s+banjir-demak\s+\S+index.md`, out) {
		t.Errorf("stdout:\n%s", out)
	}
	if !strings.Contains(errOut, filepath.Join("_posts", "2024-03-07-rusak.md")+":4: the front matter is not valid YAML") ||
		!strings.Contains(errOut, "1 of 7 files were not imported") {
		t.Errorf("stderr:\n%s", errOut)
	}
	if n := countFiles(t, filepath.Join(data, "media", "lib")); n < 4 {
		t.Errorf("%d files in the media folder, want the 4 originals and their copies", n)
	}

	code, out, _ = cli(t, args()...)
	if code != 1 || !strings.Contains(out, "Imported: 0 created, 0 updated, 6 unchanged, 1 failed; 0 files added") {
		t.Errorf("second run: exit %d\n%s", code, out)
	}

	// Only the mended file, on its own: exit 0.
	fixed := filepath.Join(t.TempDir(), "2024-03-07-rusak.md")
	b, err := os.ReadFile(filepath.Join(jekyll, "_posts", "2024-03-07-rusak.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fixed, []byte(strings.Replace(string(b), "dua\n", "dua]\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	a := append([]string{"import", "markdown", "--data", data}, dbArgs...)
	code, out, errOut = cli(t, append(a, fixed)...)
	if code != 0 || !strings.Contains(out, "Imported: 1 created") {
		t.Errorf("mended file: exit %d\n%s\n%s", code, out, errOut)
	}

	st, err := openStore(context.Background(), siteFlags{Data: data, Database: databaseOf(dbArgs)}, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	art, err := st.ArticleBySlug(context.Background(), "rusak")
	if err != nil || art.Status != warta.StatusPublished || len(art.Tags) != 2 {
		t.Errorf("mended article = %+v, %v", art, err)
	}
	if _, total, _ := st.Articles(context.Background(), warta.ArticleFilter{}); total != 7 {
		t.Errorf("%d articles, want 7", total)
	}
}

func databaseOf(dbArgs []string) string {
	if len(dbArgs) == 2 {
		return dbArgs[1]
	}
	return ""
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

func TestImportUsage(t *testing.T) {
	if code, _, errOut := cli(t, "import"); code != 2 || !strings.Contains(errOut, "warta import KIND") {
		t.Errorf("warta import: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := cli(t, "import", "nothing"); code != 2 || !strings.Contains(errOut, `unknown kind "nothing"`) {
		t.Errorf("warta import nothing: exit %d\n%s", code, errOut)
	}
	if code, _, errOut := cli(t, "import", "markdown", "--data", t.TempDir()); code != 2 || !strings.Contains(errOut, "PATH...") {
		t.Errorf("warta import markdown without paths: exit %d\n%s", code, errOut)
	}
	if code, out, _ := cli(t, "import", "markdown", "--help"); code != 0 || !strings.Contains(out, "--dry-run") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
}
