package sitecopy

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"warta"
	"warta/media"
	"warta/storetest"
)

// mediaDir makes a media folder holding a few files, one in a hidden
// upload-in-progress file that a backup must skip.
func mediaDir(t *testing.T) media.Dir {
	t.Helper()
	d := media.Dir(filepath.Join(t.TempDir(), "media"))
	for name, body := range map[string]string{
		"lib/ab/a.jpg":     "\xff\xd8\xff gambar satu",
		"lib/ab/a-320.jpg": "\xff\xd8\xff kecil",
		"lib/cd/b.png":     strings.Repeat("\x89PNG", 5000),
	} {
		if err := d.Put(t.Context(), name, strings.NewReader(body), int64(len(body))); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(string(d), "lib", "ab", ".upload-123"), []byte("half"), 0o644); err != nil {
		t.Fatal(err)
	}
	return d
}

// commentLoad posts comments through st from several goroutines until
// stop is closed, each with a text that says who wrote it, and returns
// how many were stored.
func commentLoad(t *testing.T, st warta.Store, articleID int64, stop <-chan struct{}) func() int64 {
	var wg sync.WaitGroup
	var n atomic.Int64
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				c := &warta.Comment{ArticleID: articleID, AuthorName: fmt.Sprintf("pembaca-%d", g), AuthorEmail: fmt.Sprintf("p%d@example.com", g),
					Content: fmt.Sprintf("komentar %d dari %d", i, g), ContentHTML: fmt.Sprintf("<p>komentar %d dari %d</p>", i, g),
					Status: warta.CommentApproved, Nonce: fmt.Sprintf("load-%d-%d", g, i)}
				if err := st.CreateComment(context.Background(), c); err != nil {
					t.Errorf("CreateComment under load: %v", err)
					return
				}
				n.Add(1)
			}
		}()
	}
	return func() int64 { wg.Wait(); return n.Load() }
}

// checkRestored compares a restored site with the manifest and the
// original: every table has the manifest's count, and every comment
// (the table written under load) is whole and as it was posted.
func checkRestored(t *testing.T, m *Manifest, orig, restored Store) {
	t.Helper()
	ctx := t.Context()
	got, err := Checksums(ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got {
		if want := m.Rows(s.Name); s.Rows != want {
			t.Errorf("restored %s has %d rows, the manifest says %d", s.Name, s.Rows, want)
		}
	}
	if m.Rows("comments") == 0 {
		t.Fatal("the manifest counts no comments")
	}
	rows, err := restored.ReadDB().QueryContext(ctx, `SELECT id, author_name, content, content_html, nonce FROM comments WHERE nonce LIKE 'load-%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int64
		var name, content, html, nonce string
		if err := rows.Scan(&id, &name, &content, &html, &nonce); err != nil {
			t.Fatal(err)
		}
		var g, i int
		if _, err := fmt.Sscanf(nonce, "load-%d-%d", &g, &i); err != nil {
			t.Fatalf("nonce %q: %v", nonce, err)
		}
		if name != fmt.Sprintf("pembaca-%d", g) || content != fmt.Sprintf("komentar %d dari %d", i, g) || html != "<p>"+content+"</p>" {
			t.Errorf("torn comment %d: %q %q %q %q", id, nonce, name, content, html)
		}
		var oc string
		if err := orig.ReadDB().QueryRowContext(ctx, `SELECT content FROM comments WHERE id = `+fmt.Sprint(id)).Scan(&oc); err != nil || oc != content {
			t.Errorf("restored comment %d is %q; the site has %q (%v)", id, content, oc, err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("no comment posted under load is in the backup; the test proves nothing")
	}
}

func sameMedia(t *testing.T, want, got media.Storage) {
	t.Helper()
	files := map[string]int64{}
	want.Walk(t.Context(), func(name string, size int64) error { files[name] = size; return nil })
	if len(files) != 3 {
		t.Fatalf("the fixture's media folder lists %d files, want 3 (hidden uploads skipped)", len(files))
	}
	for name := range files {
		a, _ := readAll(t, want, name)
		b, err := readAll(t, got, name)
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("media %s not restored whole: %v", name, err)
		}
	}
}

func readAll(t *testing.T, s media.Storage, name string) ([]byte, error) {
	f, err := s.Open(t.Context(), name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// TestBackupUnderWriteLoad backs up an SQLite site while comments pour
// in, restores it into a new data folder, and compares.
func TestBackupUnderWriteLoad(t *testing.T) {
	ctx := t.Context()
	st := migrated(t, openSQLite(t, t.TempDir()))
	storetest.MustFillSite(t, st, "a")
	files := mediaDir(t)
	arts, _, _ := st.Articles(ctx, warta.ArticleFilter{Limit: 1})

	stop := make(chan struct{})
	wait := commentLoad(t, st, arts[0].ID, stop)
	time.Sleep(200 * time.Millisecond) // let the load begin
	archive := filepath.Join(t.TempDir(), "site.tar.gz")
	out, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Backup(ctx, st, files, out, t.TempDir())
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	out.Close()
	time.Sleep(100 * time.Millisecond) // and go on after it
	close(stop)
	posted := wait()
	t.Logf("%d comments posted during the test, %d in the backup", posted, m.Rows("comments"))
	if m.MediaFiles != 3 || m.Format != FormatVersion || m.Schema == 0 || m.Source != "sqlite" {
		t.Errorf("manifest: %+v", m)
	}

	dataDir := filepath.Join(t.TempDir(), "baru")
	restoredMedia := media.Dir(filepath.Join(dataDir, "media"))
	if _, err := Restore(ctx, archive, Target{DataDir: dataDir, Media: restoredMedia}); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	restored := openSQLite(t, dataDir)
	if pending, err := restored.Pending(ctx); err != nil || len(pending) > 0 {
		t.Errorf("restored schema: pending %v, %v", pending, err)
	}
	checkRestored(t, m, st, restored)
	sameMedia(t, files, restoredMedia)
	if n := count(t, restored, "sessions"); n != 0 || count(t, st, "sessions") == 0 {
		t.Errorf("%d sessions restored; a backup leaves them out", n)
	}
	if _, n, err := restored.Search(ctx, warta.SearchQuery{Terms: []warta.SearchTerm{{Words: []string{"banjir"}}}, Lang: "id"}, storetest.Start, 0, 10); err != nil || n == 0 {
		t.Errorf("search on the restored site = %d, %v", n, err)
	}

	// A second restore into the same folder is refused.
	if _, err := Restore(ctx, archive, Target{DataDir: dataDir, Media: restoredMedia}); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("Restore over a restored site = %v, want ErrNotEmpty", err)
	}
}

// TestBackupPostgresUnderWriteLoad does the same on PostgreSQL: the
// archive holds an SQLite copy made through the copier's snapshot, and
// restores into another PostgreSQL database and into a data folder.
func TestBackupPostgresUnderWriteLoad(t *testing.T) {
	ctx := t.Context()
	st := migrated(t, openPostgres(t, storetest.PostgresURL(t)))
	storetest.MustFillSite(t, st, "a")
	files := mediaDir(t)
	arts, _, _ := st.Articles(ctx, warta.ArticleFilter{Limit: 1})

	stop := make(chan struct{})
	wait := commentLoad(t, st, arts[0].ID, stop)
	time.Sleep(200 * time.Millisecond)
	var buf bytes.Buffer
	m, err := Backup(ctx, st, files, &buf, t.TempDir())
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wait()
	if m.Source != "postgres" {
		t.Errorf("manifest source %q", m.Source)
	}
	archive := filepath.Join(t.TempDir(), "site.tar.gz")
	if err := os.WriteFile(archive, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	dst := openPostgres(t, storetest.PostgresURL(t))
	restoredMedia := media.Dir(filepath.Join(t.TempDir(), "media"))
	if _, err := Restore(ctx, archive, Target{DB: dst, Media: restoredMedia, TempDir: t.TempDir()}); err != nil {
		t.Fatalf("Restore into PostgreSQL: %v", err)
	}
	checkRestored(t, m, st, dst)
	sameMedia(t, files, restoredMedia)

	dataDir := t.TempDir()
	if _, err := Restore(ctx, archive, Target{DataDir: dataDir, Media: media.Dir(filepath.Join(dataDir, "media"))}); err != nil {
		t.Fatalf("Restore into SQLite: %v", err)
	}
	checkRestored(t, m, st, openSQLite(t, dataDir))
}

// smallBackup returns an archive of a small site.
func smallBackup(t *testing.T) []byte {
	t.Helper()
	st := migrated(t, openSQLite(t, t.TempDir()))
	storetest.MustFillSite(t, st, "a")
	var buf bytes.Buffer
	if _, err := Backup(t.Context(), st, mediaDir(t), &buf, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// mustBeUntouched fails unless dataDir holds nothing.
func mustBeUntouched(t *testing.T, dataDir string) {
	t.Helper()
	entries, _ := os.ReadDir(dataDir)
	if len(entries) > 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("a refused restore wrote into the data folder: %v", names)
	}
}

// TestRestoreRefusesDamagedArchive cuts a backup short at several places
// and flips a byte: each is refused before anything is written.
func TestRestoreRefusesDamagedArchive(t *testing.T) {
	good := smallBackup(t)
	cases := map[string][]byte{
		"empty":         {},
		"first bytes":   good[:20],
		"half":          good[:len(good)/2],
		"all but 4":     good[:len(good)-4], // gzip's length trailer missing
		"not a backup":  []byte("hello, this is not an archive at all"),
		"flipped byte":  flip(good, len(good)/3),
		"flipped trail": flip(good, len(good)-6), // gzip's CRC
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			archive := filepath.Join(t.TempDir(), "bad.tar.gz")
			os.WriteFile(archive, b, 0o600)
			dataDir := t.TempDir()
			_, err := Restore(t.Context(), archive, Target{DataDir: dataDir, Media: media.Dir(filepath.Join(dataDir, "media"))})
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("Restore = %v, want ErrDamaged", err)
			}
			mustBeUntouched(t, dataDir)
		})
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x55
	return c
}

// TestRestoreRefusesNewerBackup: an archive whose header names a newer
// format or schema is refused at once, with the versions in the message.
func TestRestoreRefusesNewerBackup(t *testing.T) {
	for _, h := range []Manifest{{Format: FormatVersion + 1, Warta: "9.0", Schema: 1}, {Format: FormatVersion, Warta: "9.0", Schema: 9999}} {
		var buf bytes.Buffer
		gz := gzip.NewWriter(&buf)
		tw := tar.NewWriter(gz)
		b, _ := json.Marshal(h)
		tw.WriteHeader(&tar.Header{Name: headerName, Size: int64(len(b)), Mode: 0o644})
		tw.Write(b)
		tw.Close()
		gz.Close()
		archive := filepath.Join(t.TempDir(), "newer.tar.gz")
		os.WriteFile(archive, buf.Bytes(), 0o600)
		dataDir := t.TempDir()
		_, err := Restore(t.Context(), archive, Target{DataDir: dataDir, Media: media.Dir(filepath.Join(dataDir, "media"))})
		if !errors.Is(err, ErrNewer) || !strings.Contains(err.Error(), "9.0") {
			t.Errorf("Restore of %+v = %v, want ErrNewer naming Warta 9.0", h, err)
		}
		mustBeUntouched(t, dataDir)
	}
}

// TestRestoreRefusesNonEmptyDatabase: PostgreSQL holding a site is left
// alone, media included.
func TestRestoreRefusesNonEmptyDatabase(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "site.tar.gz")
	os.WriteFile(archive, smallBackup(t), 0o600)
	dst := migrated(t, openPostgres(t, storetest.PostgresURL(t)))
	storetest.MustFillSite(t, dst, "b")
	mediaRoot := t.TempDir()
	_, err := Restore(t.Context(), archive, Target{DB: dst, Media: media.Dir(mediaRoot), TempDir: t.TempDir()})
	if !errors.Is(err, ErrNotEmpty) {
		t.Fatalf("Restore into a site = %v, want ErrNotEmpty", err)
	}
	mustBeUntouched(t, mediaRoot)
}

// TestBackupListsMissingMedia: a library entry or an article's lead
// image whose file (or a resized copy) is gone from the storage is
// named in the manifest, so the
// operator hears of it while the file can still be found; the backup is
// written all the same.
func TestBackupListsMissingMedia(t *testing.T) {
	ctx := t.Context()
	st := migrated(t, openSQLite(t, t.TempDir()))
	files := mediaDir(t) // holds lib/ab/a.jpg, lib/ab/a-320.jpg and lib/cd/b.png
	for _, m := range []*warta.Media{
		{Hash: strings.Repeat("a", 64), Path: "lib/ab/a.jpg", MIME: "image/jpeg", Width: 640, Height: 480,
			Variants: []warta.ImageVariant{{Path: "lib/ab/a-320.jpg", Width: 320, Height: 240}}},
		{Hash: strings.Repeat("b", 64), Path: "lib/cd/b.png", MIME: "image/png", Width: 10, Height: 10,
			Variants: []warta.ImageVariant{{Path: "lib/cd/b-320.png", Width: 320, Height: 240}}},
		{Hash: strings.Repeat("c", 64), Path: "lib/ef/hilang.jpg", MIME: "image/jpeg", Width: 10, Height: 10},
	} {
		if err := st.CreateMedia(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	// A draft whose lead image is outside the library (as the demo's
	// are) counts too.
	sec := storetest.MustCreateSection(t, st, &warta.Section{Slug: "kota", Name: "Kota"})
	au := storetest.MustCreateAuthor(t, st, &warta.Author{Slug: "rina", Name: "Rina"})
	storetest.MustCreateArticle(t, st, &warta.Article{Slug: "draf", Headline: "Draf", Status: warta.StatusDraft,
		Section: *sec, Authors: []warta.Author{*au}, LeadImage: warta.Image{Path: "demo/hilang.jpg", Alt: "Hilang", Width: 10, Height: 10}})
	var out bytes.Buffer
	m, err := Backup(ctx, st, files, &out, t.TempDir())
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	slices.Sort(m.MissingMedia)
	if want := []string{"demo/hilang.jpg", "lib/cd/b-320.png", "lib/ef/hilang.jpg"}; !slices.Equal(m.MissingMedia, want) {
		t.Errorf("missing media %q, want %q", m.MissingMedia, want)
	}
	if m.MediaFiles != 3 {
		t.Errorf("%d media files in the backup, want the 3 there are", m.MediaFiles)
	}
}
