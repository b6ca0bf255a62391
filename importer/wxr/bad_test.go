package wxr_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"warta"
	"warta/importer/wxr"
)

// TestImportBadFile feeds files that are not a whole export: each is
// refused with a line number where there is one and a reason, and
// nothing at all is written.
func TestImportBadFile(t *testing.T) {
	src, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	lateItem := strings.Index(text, "<title>Tentang Kami</title>")
	tests := []struct {
		name, content string
		line          bool // the message must carry a line
		want          string
	}{
		{"truncated", text[:len(text)*3/4], true, "cut short"},
		{"truncated inside an item's CDATA", text[:strings.Index(text, "Kode ]]]]>")], true, "cut short"},
		{"not XML", "Ini bukan ekspor WordPress, hanya teks biasa.\n", false, "empty or holds no XML"},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", true, ""},
		{"empty", "", false, "empty"},
		{"HTML", "<!DOCTYPE html><html><body><p>Halo</p></body></html>", true, "not <rss>"},
		{"wrong namespace", strings.ReplaceAll(text, "https://wordpress.org/export/1.2/", "https://example.com/export/9.9/"), true, "namespace"},
		{"plain RSS", `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>y</title></item></channel></rss>`, true, "namespace"},
		{"mismatched tag late in the file", text[:lateItem] + strings.Replace(text[lateItem:], "</title>", "</titel>", 1), true, "not well-formed"},
		{"invalid UTF-8", strings.Replace(text, "Dibuang", "Dibu\xffang", 1), true, "UTF-8"},
		{"undefined entity", strings.Replace(text, "<title>Dibuang</title>", "<title>Dibuang &bogus;</title>", 1), true, "entity"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "export.xml")
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			st := openStore(t, "sqlite")
			rep, err := wxr.Import(context.Background(), st, path, wxr.Options{MediaDir: t.TempDir()})
			var fe *wxr.Error
			if !errors.As(err, &fe) {
				t.Fatalf("Import = %v, %v; want a *wxr.Error", rep, err)
			}
			if tt.line && fe.Line == 0 {
				t.Errorf("error %q has no line", fe)
			}
			if !strings.Contains(fe.Error(), tt.want) {
				t.Errorf("error %q does not say %q", fe, tt.want)
			}
			if c := countAll(t, st); c != (tableCounts{}) {
				t.Errorf("a refused file wrote %+v", c)
			}
		})
	}
}

// TestImportLargePost: a 10 MB post is skipped with its reason; the
// rest imports, and memory is not the file's size (the element is cut
// while it is read).
func TestImportLargePost(t *testing.T) {
	huge := strings.Repeat("<p>"+strings.Repeat("ombak ", 100)+"</p>\n", 10<<20/610)
	export := exportWith(t,
		post(1, "kecil", "publish", "<p>Kecil.</p>"),
		post(2, "raksasa", "publish", huge),
	)
	st := openStore(t, "sqlite")
	rep := mustImport(t, st, export, wxr.Options{})
	if rep.Counts["articles"] != 1 {
		t.Errorf("articles = %d, want 1", rep.Counts["articles"])
	}
	if _, err := st.ArticleBySlug(context.Background(), "raksasa"); warta.ErrorCode(err) != warta.ENOTFOUND {
		t.Errorf("the 10 MB post was imported: %v", err)
	}
	if text := reportText(rep); !strings.Contains(text, "post 2") || !strings.Contains(text, "larger than") {
		t.Errorf("report does not explain the skipped post:\n%s", text)
	}
}

// TestImportResumes stops an import half-way, as a crash or Ctrl-C
// would, then runs it again: the result is the same site a single run
// makes, with nothing twice.
func TestImportResumes(t *testing.T) {
	want := func() tableCounts {
		st := openStore(t, "sqlite")
		importFixture(t, st, fixture)
		return countAll(t, st)
	}()

	st := openStore(t, "sqlite")
	uploads := kabarUploads(t)
	ctx, cancel := context.WithCancel(context.Background())
	opt := wxr.Options{Uploads: uploads, MediaDir: t.TempDir(), Location: jakarta(t), BatchPosts: 2,
		Progress: func(done, total int) {
			if done == 4 {
				cancel()
			}
		}}
	if _, err := wxr.Import(ctx, st, fixture, opt); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted Import = %v, want context.Canceled", err)
	}
	half := countAll(t, st)
	if half.articles == 0 || half.articles >= want.articles {
		t.Fatalf("after the interruption %d articles, want some but not all %d", half.articles, want.articles)
	}
	last, total := 0, 0
	opt.Progress = func(done, n int) { last, total = done, n }
	if _, err := wxr.Import(context.Background(), st, fixture, opt); err != nil {
		t.Fatal(err)
	}
	if last != total || total != 15 {
		t.Errorf("progress ended at %d of %d, want 15 of 15 (every post and page, skipped ones too)", last, total)
	}
	if got := countAll(t, st); got != want {
		t.Errorf("after resuming %+v\nwant %+v (one clean run)", got, want)
	}
}

// TestImportUpdatesWhatChanged: a fixed export updates the one post
// that changed and leaves every other alone.
func TestImportUpdatesWhatChanged(t *testing.T) {
	st := openStore(t, "sqlite")
	importFixture(t, st, fixture)
	src, _ := os.ReadFile(fixture)
	changed := strings.Replace(string(src), "<title>Menunggu suntingan</title>", "<title>Sudah disunting</title>", 1)
	changed = strings.Replace(changed, "<wp:comment_approved><![CDATA[0]]></wp:comment_approved>", "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>", 1)
	path := filepath.Join(t.TempDir(), "fixed.xml")
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	before := countAll(t, st)
	importFixture(t, st, path)
	after := countAll(t, st)
	if after.revisions != before.revisions+1 || after.articles != before.articles || after.comments != before.comments {
		t.Errorf("before %+v\nafter  %+v; want one more revision and nothing else", before, after)
	}
	a, err := st.ArticleBySlug(context.Background(), "menunggu-suntingan")
	if err != nil || a.Headline != "Sudah disunting" || a.Revision != 2 {
		t.Errorf("changed post = %+v, %v", a, err)
	}
	if a, _ := st.ArticleBySlug(context.Background(), "harga-ikan-naik"); a.CommentCount != 4 || a.Revision != 1 {
		t.Errorf("post with a newly approved comment: %d approved, revision %d; want 4 and 1", a.CommentCount, a.Revision)
	}
}

// TestImportFetchMedia downloads attachments: a server error is tried
// again, a missing file and a file over the limit are reported, and the
// import goes on.
func TestImportFetchMedia(t *testing.T) {
	img := filepath.Join(t.TempDir(), "a.jpg")
	writeImage(t, img, 400, 300, 2)
	data, _ := os.ReadFile(img)
	big := filepath.Join(t.TempDir(), "b.jpg")
	writeImage(t, big, 1200, 900, 3)
	bigData, _ := os.ReadFile(big)
	var flaky atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/wp-content/uploads/2020/01/ok.jpg":
			w.Write(data)
		case "/wp-content/uploads/2020/01/flaky.jpg":
			if flaky.Add(1) == 1 {
				http.Error(w, "busy", http.StatusServiceUnavailable)
				return
			}
			w.Write(data)
		case "/wp-content/uploads/2020/01/big.jpg":
			w.Write(bigData)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	export := exportWith(t,
		attachmentItem(60, srv.URL+"/wp-content/uploads/2020/01/ok.jpg"),
		attachmentItem(61, srv.URL+"/wp-content/uploads/2020/01/flaky.jpg"),
		attachmentItem(62, srv.URL+"/wp-content/uploads/2020/01/gone.jpg"),
		attachmentItem(63, srv.URL+"/wp-content/uploads/2020/01/big.jpg"),
		post(1, "dengan-foto", "publish", `<p><img src="`+srv.URL+`/wp-content/uploads/2020/01/ok-150x150.jpg"></p>`),
	)
	st := openStore(t, "sqlite")
	rep := mustImport(t, st, export, wxr.Options{FetchMedia: true, MediaLimits: mediaLimit(int64(len(bigData)) - 1)})
	// ok and flaky are the same picture: one entry.
	if rep.Counts["media"] != 2 || flaky.Load() != 2 {
		t.Errorf("media %d, flaky asked %d times; want 2 and 2", rep.Counts["media"], flaky.Load())
	}
	text := reportText(rep)
	for _, s := range []string{"attachment 62", "404", "attachment 63", "more than"} {
		if !strings.Contains(text, s) {
			t.Errorf("report does not say %q:\n%s", s, text)
		}
	}
	if rep.Counts["articles"] != 1 {
		t.Errorf("articles %d, want 1 (media failures are not fatal)", rep.Counts["articles"])
	}
}

// exportWith writes a minimal export holding items and returns its path.
func exportWith(t *testing.T, items ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.xml")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/">
<channel><title>Uji</title><link>https://uji.example.id</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://uji.example.id</wp:base_site_url>
`)
	for _, it := range items {
		b.WriteString(it)
	}
	b.WriteString("</channel></rss>\n")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func post(id int, slug, status, body string) string {
	return fmt.Sprintf(`<item><title>Judul %[2]s</title><dc:creator>admin</dc:creator><content:encoded><![CDATA[%[4]s]]></content:encoded>
<wp:post_id>%[1]d</wp:post_id><wp:post_date_gmt>2020-01-02 03:04:05</wp:post_date_gmt><wp:post_name>%[2]s</wp:post_name><wp:status>%[3]s</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="umum"><![CDATA[Umum]]></category></item>
`, id, slug, status, body)
}

func attachmentItem(id int, url string) string {
	return fmt.Sprintf(`<item><title>lampiran %[1]d</title><wp:post_id>%[1]d</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type><wp:attachment_url>%[2]s</wp:attachment_url></item>
`, id, url)
}
