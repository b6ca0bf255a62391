package wxr_test

import (
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"time"

	"warta"
	"warta/importer/wxr"
	"warta/internal/teststore"
	"warta/media"
	"warta/media/mediatest"
	"warta/storetest"
)

func TestMain(m *testing.M) { storetest.Main(m) }

// databases are the stores the importer's main tests run against.
var databases = []string{"sqlite", "postgres"}

// openStore opens a fresh, migrated store of kind db.
func openStore(t *testing.T, db string) warta.Store {
	t.Helper()
	return teststore.Open(t, db, nil)
}

// writeImage writes a w×h JPEG at path whose pixels depend on seed, so
// that different seeds make different files (the media library keeps
// one entry per content).
func writeImage(t testing.TB, path string, w, h, seed int) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(seed * 37), uint8(x + seed), uint8(y * seed), 255})
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, nil); err != nil {
		t.Fatal(err)
	}
}

// kabarUploads makes the copy of wp-content/uploads the kabar.wxr
// fixture's present attachments are read from: its photo
// (2019/03/pasar.jpg) and its PDF report (2019/03/laporan.pdf).
// hilang.png is missing on purpose; wawancara.mp3 is never read.
func kabarUploads(t *testing.T) string {
	t.Helper()
	uploads := t.TempDir()
	writeImage(t, filepath.Join(uploads, "2019", "03", "pasar.jpg"), 640, 480, 1)
	if err := os.WriteFile(filepath.Join(uploads, "2019", "03", "laporan.pdf"), kabarPDF, 0o644); err != nil {
		t.Fatal(err)
	}
	return uploads
}

// kabarPDF is the fixture's PDF report.
var kabarPDF = mediatest.PDF("Laporan dinas perikanan 2019")

// mustImport imports path into st and fails the test on an error.
func mustImport(t *testing.T, st warta.Store, path string, opt wxr.Options) *wxr.Report {
	t.Helper()
	if opt.MediaDir == "" {
		opt.MediaDir = t.TempDir()
	}
	if opt.Location == nil {
		opt.Location = jakarta(t)
	}
	rep, err := wxr.Import(context.Background(), st, path, opt)
	if err != nil {
		t.Fatalf("Import(%s): %v", filepath.Base(path), err)
	}
	return rep
}

func jakarta(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// tableCounts counts what an import makes, straight from the store.
type tableCounts struct {
	articles, pages, comments, media, sections, tags, authors, users, revisions int
}

func countAll(t *testing.T, st warta.Store) tableCounts {
	t.Helper()
	ctx := context.Background()
	var c tableCounts
	var err error
	_, c.articles, err = st.Articles(ctx, warta.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := st.Pages(ctx)
	c.pages = len(pages)
	_, c.comments, _ = st.Comments(ctx, warta.CommentFilter{})
	_, c.media, _ = st.MediaList(ctx, 0, 1)
	secs, _ := st.Sections(ctx)
	c.sections = len(secs)
	tags, _ := st.Tags(ctx)
	c.tags = len(tags)
	authors, _ := st.Authors(ctx)
	c.authors = len(authors)
	c.users, _ = st.CountUsers(ctx)
	list, _, _ := st.Articles(ctx, warta.ArticleFilter{})
	for _, a := range list {
		revs, err := st.Revisions(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.revisions += len(revs)
	}
	return c
}

func mediaLimit(maxBytes int64) media.Limits { return media.Limits{MaxBytes: maxBytes} }
