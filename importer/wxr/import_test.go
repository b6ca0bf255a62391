package wxr_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/importer/wxr"
)

const fixture = "testdata/kabar.wxr"

// importFixture imports testdata/kabar.wxr with its image and its PDF in
// a local uploads folder.
func importFixture(t *testing.T, st warta.Store, path string) *wxr.Report {
	t.Helper()
	uploads := kabarUploads(t)
	return mustImport(t, st, path, wxr.Options{Uploads: uploads})
}

// TestImportFixture imports our own export, which has one of every
// mapping, and checks each one, on both databases.
func TestImportFixture(t *testing.T) {
	for _, db := range databases {
		t.Run(db, func(t *testing.T) {
			st := openStore(t, db)
			rep := importFixture(t, st, fixture)
			checkFixture(t, st, rep)

			// The same file again: nothing new, nothing rewritten.
			before := countAll(t, st)
			rep2 := importFixture(t, st, fixture)
			if after := countAll(t, st); after != before {
				t.Errorf("second import changed the counts:\n before %+v\n after  %+v", before, after)
			}
			if rep2.Counts["articles"] != rep.Counts["articles"] || rep2.Counts["comments"] != rep.Counts["comments"] {
				t.Errorf("second report %v, first %v", rep2.Counts, rep.Counts)
			}
		})
	}
}

func checkFixture(t *testing.T, st warta.Store, rep *wxr.Report) {
	t.Helper()
	ctx := context.Background()
	loc := jakarta(t)
	want := tableCounts{articles: 10, pages: 4, comments: 6, media: 2, sections: 4, tags: 5, authors: 3, users: 1, revisions: 10}
	if got := countAll(t, st); got != want {
		t.Errorf("counts = %+v\nwant     %+v", got, want)
	}
	if rep.Source != "https://kabar.example.id" {
		t.Errorf("Source = %q", rep.Source)
	}
	for kind, n := range map[string]int{"articles": 10, "pages": 4, "comments": 6, "media": 2, "comments approved": 3,
		"comments pending": 1, "comments spam": 1, "comments trash": 1} {
		if rep.Counts[kind] != n {
			t.Errorf("report counts %s = %d, want %d", kind, rep.Counts[kind], n)
		}
	}

	// Post 10: Yoast's primary category is the section, the others tags;
	// split CDATA joined; excerpt as dek; featured image as lead.
	a, err := st.ArticleBySlug(ctx, "harga-ikan-naik")
	if err != nil {
		t.Fatal(err)
	}
	if a.Section.Slug != "ekonomi" || a.Section.Name != "Ekonomi & Bisnis" {
		t.Errorf("section = %+v, want ekonomi (Yoast's primary)", a.Section)
	}
	var tags []string
	for _, tg := range a.Tags {
		tags = append(tags, tg.Slug)
	}
	if strings.Join(tags, " ") != "berita pelabuhan banjir-rob nelayan-kecil" {
		t.Errorf("tags = %v, want the other categories, then the tags", tags)
	}
	if a.Status != warta.StatusPublished || !a.PublishedAt.Equal(time.Date(2019, 3, 4, 5, 6, 7, 0, time.UTC)) || !a.CommentsOpen {
		t.Errorf("status %s published %v open %v", a.Status, a.PublishedAt, a.CommentsOpen)
	}
	if a.Dek != "Nelayan & pedagang mengeluh." {
		t.Errorf("dek = %q", a.Dek)
	}
	if !strings.Contains(a.BodyHTML, "Kode ]]&gt; tetap utuh") {
		t.Errorf("body lost the text around the split CDATA: %q", a.BodyHTML)
	}
	// The gallery shows the imported image; its PDF is left out (it is
	// linked from the text instead).
	if strings.Count(a.BodyHTML, `<img src="/media/lib/`) < 2 || regexp.MustCompile(`<img[^>]+\.pdf`).MatchString(a.BodyHTML) {
		t.Errorf("body = %s; want the captioned image and the gallery's, and no PDF as a picture", a.BodyHTML)
	}
	if len(a.Authors) != 1 || a.Authors[0].Name != "Sari Wulandari" {
		t.Errorf("authors = %+v", a.Authors)
	}
	if a.LeadImage.MediaID == 0 || a.LeadImage.Width != 640 || a.LeadImage.Alt != "Pedagang menimbang ikan" ||
		a.LeadImage.Caption != "Pasar ikan pagi hari" || a.LeadImage.Credit != "Foto: Redaksi" {
		t.Errorf("lead image = %+v", a.LeadImage)
	}

	// Its comments: threads, statuses, dates and private fields.
	list, _, err := st.Comments(ctx, warta.CommentFilter{ArticleID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*warta.Comment{}
	for _, c := range list {
		byName[c.AuthorName] = c
	}
	harun, sari, spam, trash, orphan, ping := byName["Pak Harun"], byName["Sari Wulandari"], byName["Obat Murah"], byName["Anon"], byName["Yatim"], byName["Blog Tetangga"]
	for name, c := range map[string]*warta.Comment{"Pak Harun": harun, "Sari": sari, "spam": spam, "trash": trash, "orphan": orphan, "pingback": ping} {
		if c == nil {
			t.Fatalf("comment of %s not imported; have %v", name, byName)
		}
	}
	if harun.Status != warta.CommentApproved || harun.ParentID != 0 || harun.AuthorIP != "192.0.2.7" ||
		harun.AuthorEmail != "harun@contoh.example" || harun.AuthorURL != "https://harun.example/" ||
		!harun.CreatedAt.Equal(time.Date(2019, 3, 4, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("Pak Harun's comment = %+v", harun)
	}
	if !strings.Contains(harun.ContentHTML, "<b>Berat</b>") {
		t.Errorf("comment HTML = %q, want the reader's <b> kept", harun.ContentHTML)
	}
	if sari.ParentID != harun.ID || sari.Depth != 1 || sari.Status != warta.CommentPending {
		t.Errorf("reply = parent %d depth %d status %s; want %d, 1, pending", sari.ParentID, sari.Depth, sari.Status, harun.ID)
	}
	// Listed before its parent in the file, still threaded under it.
	if spam.ParentID != sari.ID || spam.Depth != 2 || spam.Status != warta.CommentSpam || spam.AuthorURL != "" {
		t.Errorf("spam reply = parent %d depth %d status %s url %q", spam.ParentID, spam.Depth, spam.Status, spam.AuthorURL)
	}
	if strings.Contains(spam.ContentHTML, "<script") {
		t.Errorf("comment HTML keeps a script: %q", spam.ContentHTML)
	}
	if trash.Status != warta.CommentTrash || orphan.ParentID != 0 || orphan.Status != warta.CommentApproved || ping.Status != warta.CommentApproved {
		t.Errorf("trash %s, orphan parent %d, pingback %s", trash.Status, orphan.ParentID, ping.Status)
	}
	if a.CommentCount != 3 {
		t.Errorf("approved comments = %d, want 3", a.CommentCount)
	}

	// Statuses and dates.
	for slug, want := range map[string]warta.ArticleStatus{
		"draf-dermaga-baru": warta.StatusDraft, "lelang-ikan": warta.StatusScheduled, "menunggu-suntingan": warta.StatusPending,
		"catatan-pribadi": warta.StatusUnpublished, "khusus-pelanggan": warta.StatusUnpublished, "tanggal-aneh": warta.StatusPublished,
		"tanpa-kategori": warta.StatusPublished, "cuaca-ekstrem": warta.StatusPublished, "berita-jahat": warta.StatusPublished,
	} {
		got, err := st.ArticleBySlug(ctx, slug)
		if err != nil {
			t.Errorf("article %s: %v", slug, err)
			continue
		}
		if got.Status != want {
			t.Errorf("article %s: status %s, want %s", slug, got.Status, want)
		}
	}
	if _, err := st.ArticleBySlug(ctx, "dibuang"); warta.ErrorCode(err) != warta.ENOTFOUND {
		t.Errorf("the trashed post was imported: %v", err)
	}
	if _, err := st.ArticleBySlug(ctx, "duplikat"); warta.ErrorCode(err) != warta.ENOTFOUND {
		t.Errorf("the second item with ID 10 was imported: %v", err)
	}
	if got, _ := st.ArticleBySlug(ctx, "lelang-ikan"); got != nil && !got.PublishedAt.Equal(time.Date(2031, 1, 1, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("scheduled for %v", got.PublishedAt)
	}
	if got, _ := st.ArticleBySlug(ctx, "tanggal-aneh"); got != nil {
		if !got.PublishedAt.Equal(time.Date(2019, 3, 4, 5, 6, 7, 0, time.UTC)) || got.Authors[0].Slug != "wartawan-tamu" {
			t.Errorf("odd date: published %v by %+v", got.PublishedAt, got.Authors)
		}
	}
	if got, _ := st.ArticleBySlug(ctx, "tanpa-kategori"); got != nil {
		if got.Section.Slug != "arsip" || !got.PublishedAt.Equal(time.Date(2019, 5, 1, 1, 0, 0, 0, time.UTC)) {
			t.Errorf("post without category: section %s published %v", got.Section.Slug, got.PublishedAt)
		}
	}
	if got, _ := st.ArticleBySlug(ctx, "berita-jahat"); got != nil {
		for _, bad := range []string{"<script", "onerror", "onclick", "javascript:", "<iframe", "<style", "alert(2)"} {
			if strings.Contains(got.BodyHTML, bad) {
				t.Errorf("hostile HTML kept %q: %s", bad, got.BodyHTML)
			}
		}
		if strings.Contains(got.Headline, "<") {
			t.Errorf("headline = %q", got.Headline)
		}
	}

	// Pages, their statuses, and a slug the site needs for itself.
	for slug, want := range map[string]warta.PageStatus{"tentang-kami": warta.PagePublished, "redaksi": warta.PagePublished,
		"kontak": warta.PageDraft, "halaman-feed": warta.PagePublished} {
		p, err := st.PageBySlug(ctx, slug)
		if err != nil || p.Status != want {
			t.Errorf("page %s = %+v, %v; want status %s", slug, p, err, want)
		}
	}

	// Authors: an account, disabled and without password, only for a
	// valid email.
	u, err := st.UserByEmail(ctx, "sari@kabar.example.id")
	if err != nil {
		t.Fatal(err)
	}
	if !u.Disabled || u.PasswordHash != "" || u.Can(warta.CapWriteDrafts) {
		t.Errorf("imported user = %+v; want disabled without a password", u)
	}
	if au, err := st.AuthorBySlug(ctx, "dimas-p"); err != nil || au.Name != "Dimas Pratama" {
		t.Errorf("author Dimas.P = %+v, %v", au, err)
	}

	// Every old address.
	m, err := st.MediaByID(ctx, a.LeadImage.MediaID)
	if err != nil {
		t.Fatal(err)
	}
	// The PDF report: in the library as it was, as a document.
	sum := sha256.Sum256(kabarPDF)
	doc, err := st.MediaByHash(ctx, hex.EncodeToString(sum[:]))
	if err != nil {
		t.Fatalf("the fixture's PDF is not in the library: %v", err)
	}
	if doc.MIME != "application/pdf" || doc.Width != 0 || len(doc.Variants) != 0 || doc.Size != int64(len(kabarPDF)) ||
		!strings.HasSuffix(doc.Path, ".pdf") || doc.OriginalName != "laporan.pdf" {
		t.Errorf("PDF entry = %+v", doc)
	}
	permalink := a.Permalink(loc)
	if permalink != "/2019/03/04/harga-ikan-naik/" {
		t.Errorf("permalink = %s", permalink)
	}
	for from, to := range map[string]string{
		"/?p=10":                                    permalink,
		"/ekonomi/harga-ikan-naik/":                 permalink,
		"/harga-ikan-naik/":                         permalink,
		"/category/ekonomi/":                        "/section/ekonomi/",
		"/category/ekonomi/feed/":                   "/section/ekonomi/feed/",
		"/category/berita/pelabuhan/":               "/section/pelabuhan/",
		"/category/kosong/":                         "/tag/kosong/",
		"/tag/Nelayan_Kecil/":                       "/tag/nelayan-kecil/",
		"/author/Dimas.P/":                          "/author/dimas-p/",
		"/?page_id=40":                              "/tentang-kami/",
		"/tentang-kami/redaksi/":                    "/redaksi/",
		"/?page_id=43":                              "/halaman-feed/",
		"/?attachment_id=30":                        "/media/" + m.Path,
		"/wp-content/uploads/2019/03/pasar.jpg":     "/media/" + m.Path,
		"/ekonomi/harga-ikan-naik/pasar/":           "/media/" + m.Path,
		"/?attachment_id=31":                        "/media/" + doc.Path,
		"/wp-content/uploads/2019/03/laporan.pdf":   "/media/" + doc.Path,
		"/wp-content/uploads/2019/03/wawancara.mp3": "",
		"/2019/05/05/%e5%a4%a9%e6%b0%94/":           "",
		"/2019/05/05/\u5929\u6c14/":                 "/2019/05/05/cuaca-ekstrem/",
		"/2019/03/04/tanggal-aneh/":                 "",
		"/?p=11":                                    "",
		"/khusus-pelanggan/":                        "",
	} {
		got, err := st.RedirectFor(ctx, from)
		if to == "" {
			if err == nil {
				t.Errorf("redirect from %s to %s, want none", from, got)
			}
			continue
		}
		if err != nil || got != to {
			t.Errorf("redirect from %s = %q, %v; want %s", from, got, err, to)
		}
	}

	// The body shows the imported image, not the old site's.
	if strings.Contains(a.BodyMarkdown, "kabar.example.id/wp-content") && !strings.Contains(a.BodyMarkdown, "/media/"+m.Path) {
		t.Errorf("body still points at the old uploads: %s", a.BodyMarkdown)
	}
	// Its link to the PDF goes to the library; the mp3, not imported,
	// still goes to the old site.
	if !strings.Contains(a.BodyMarkdown, "[laporan lengkap dinas perikanan](/media/"+doc.Path+")") ||
		!strings.Contains(a.BodyHTML, `href="/media/`+doc.Path+`"`) {
		t.Errorf("body does not link the imported PDF: %s", a.BodyMarkdown)
	}
	if !strings.Contains(a.BodyMarkdown, "(https://kabar.example.id/wp-content/uploads/2019/03/wawancara.mp3)") {
		t.Errorf("body lost the link to the mp3 that was not imported: %s", a.BodyMarkdown)
	}

	// The report names what it skipped and why.
	text := reportText(rep)
	src, _ := os.ReadFile(fixture)
	dup := strings.Index(string(src), "<title>Yang kedua dengan ID 10</title>")
	dupLine := strings.Count(string(src[:strings.LastIndex(string(src[:dup]), "<item>")]), "\n") + 1
	for _, s := range []string{"post 15", "trash", fmt.Sprintf("line %d", dupLine), "already used",
		"attachment 33", "wawancara.mp3 is neither an image nor a PDF document", "images and PDF documents",
		"comment 106", "empty", "nav_menu_item", "comment 105", "999", "[jajak_pendapat]", "attachment 32", "hilang.png",
		"1 comments on page 40"} {
		if !strings.Contains(text, s) {
			t.Errorf("report does not mention %q:\n%s", s, text)
		}
	}
}

func reportText(rep *wxr.Report) string {
	var b strings.Builder
	rep.Write(&b)
	return b.String()
}

// TestImportNamespaces imports the fixture as WordPress 1.0, 1.1 and
// 1.2 wrote it, with http and https, and gets the same site each time.
func TestImportNamespaces(t *testing.T) {
	src, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	for _, ns := range []string{"http://wordpress.org/export/1.0/", "http://wordpress.org/export/1.1/", "https://wordpress.org/export/1.1/", "http://wordpress.org/export/1.2/"} {
		t.Run(ns, func(t *testing.T) {
			text := strings.ReplaceAll(string(src), "https://wordpress.org/export/1.2/", ns)
			path := filepath.Join(t.TempDir(), "export.xml")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			st := openStore(t, "sqlite")
			rep := importFixture(t, st, path)
			if rep.Counts["articles"] != 10 || rep.Counts["comments"] != 6 || rep.Counts["pages"] != 4 {
				t.Errorf("with %s: counts %v", ns, rep.Counts)
			}
		})
	}
}
