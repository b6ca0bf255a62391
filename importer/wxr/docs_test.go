package wxr_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"warta/importer/wxr"
	"warta/media/mediatest"
)

// TestImportPDFByDownload: with --fetch-media a PDF attachment is
// downloaded and kept as a document, with its old addresses redirected
// and the bodies' links to it (and to its on-the-fly "sizes") sent to the
// library; a featured "image" that is a PDF gives no lead image; a text
// file named .pdf and an audio file are reported, not imported.
func TestImportPDFByDownload(t *testing.T) {
	pdf := mediatest.PDF("Putusan PN Semarang")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/wp-content/uploads/2021/07/putusan.pdf":
			w.Write(pdf)
		case "/wp-content/uploads/2021/07/palsu.pdf":
			w.Write([]byte("Ini teks biasa, bukan PDF.\n"))
		case "/wp-content/uploads/2021/07/siaran.mp3":
			t.Errorf("the importer downloaded an mp3")
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	up := srv.URL + "/wp-content/uploads/2021/07/"
	// WordPress (4.7 and later) makes preview pictures of a PDF's first
	// page and lists them as the attachment's sizes.
	pdfItem := fmt.Sprintf(`<item><title>putusan</title><link>https://uji.example.id/putusan-pn/</link><excerpt:encoded><![CDATA[Salinan putusan]]></excerpt:encoded>
<wp:post_id>70</wp:post_id><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type><wp:attachment_url>%sputusan.pdf</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value><![CDATA[2021/07/putusan.pdf]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key><wp:meta_value><![CDATA[a:1:{s:5:"sizes";a:1:{s:6:"medium";a:1:{s:4:"file";s:23:"putusan-pdf-232x300.jpg";}}}]]></wp:meta_value></wp:postmeta></item>
`, up)
	body := `<p>Baca <a href="` + up + `putusan.pdf">salinan putusan</a>.</p><p><img src="` + up + `putusan-pdf-232x300.jpg" alt="Halaman pertama"></p>`
	withThumb := strings.Replace(post(1, "putusan-dibacakan", "publish", body), "</item>",
		`<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>70</wp:meta_value></wp:postmeta></item>`, 1)
	export := exportWith(t, pdfItem,
		attachmentItem(71, up+"palsu.pdf"),
		attachmentItem(72, up+"siaran.mp3"),
		withThumb)

	for _, db := range databases {
		t.Run(db, func(t *testing.T) {
			ctx := context.Background()
			st := openStore(t, db)
			rep := mustImport(t, st, export, wxr.Options{FetchMedia: true})
			if rep.Counts["media"] != 1 || rep.Counts["articles"] != 1 {
				t.Fatalf("counts %v; want 1 media entry (the PDF) and 1 article", rep.Counts)
			}
			list, _, err := st.MediaList(ctx, 0, 10)
			if err != nil || len(list) != 1 {
				t.Fatalf("library = %v, %v", list, err)
			}
			doc := list[0]
			if doc.MIME != "application/pdf" || doc.Size != int64(len(pdf)) || doc.Width != 0 || doc.Caption != "Salinan putusan" ||
				!strings.HasSuffix(doc.Path, ".pdf") {
				t.Errorf("PDF entry = %+v", doc)
			}
			target := "/media/" + doc.Path
			for _, from := range []string{"/wp-content/uploads/2021/07/putusan.pdf", "/?attachment_id=70", "/putusan-pn/"} {
				if got, err := st.RedirectFor(ctx, from); err != nil || got != target {
					t.Errorf("redirect from %s = %q, %v; want %s", from, got, err, target)
				}
			}
			if got, err := st.RedirectFor(ctx, "/wp-content/uploads/2021/07/siaran.mp3"); err == nil {
				t.Errorf("the mp3 got a redirect to %s", got)
			}

			a, err := st.ArticleBySlug(ctx, "putusan-dibacakan")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.BodyMarkdown, "[salinan putusan]("+target+")") {
				t.Errorf("the link to the PDF was not mapped: %s", a.BodyMarkdown)
			}
			if strings.Contains(a.BodyHTML, `src="`+target) {
				t.Errorf("the preview picture became an <img> of the PDF: %s", a.BodyHTML)
			}
			if a.LeadImage.MediaID != 0 || a.LeadImage.Path != "" {
				t.Errorf("lead image = %+v; a PDF must never be one", a.LeadImage)
			}
			if ids, _, _ := st.ImageList(ctx, 0, 10); len(ids) != 0 {
				t.Errorf("ImageList offers %d entries; the PDF is not an image", len(ids))
			}

			text := reportText(rep)
			for _, s := range []string{"attachment 71", "palsu.pdf", "nor a PDF document",
				"attachment 72", "siaran.mp3 is neither an image nor a PDF document",
				"post 1", "attachment 70) is a PDF document"} {
				if !strings.Contains(text, s) {
					t.Errorf("report does not say %q:\n%s", s, text)
				}
			}
		})
	}
}

// TestImportPDFOverItsLimit: the document limit applies, not the image
// one, and a PDF over it is reported.
func TestImportPDFOverItsLimit(t *testing.T) {
	pdf := mediatest.PDF(strings.Repeat("Lampiran anggaran daerah. ", 40))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(pdf) }))
	defer srv.Close()
	export := exportWith(t, attachmentItem(80, srv.URL+"/wp-content/uploads/2022/01/apbd.pdf"))
	st := openStore(t, "sqlite")

	rep := mustImport(t, st, export, wxr.Options{FetchMedia: true, MediaLimits: mediaLimit(10)})
	if rep.Counts["media"] != 1 {
		t.Errorf("a PDF under its own limit but over the image limit: media %d, want 1\n%s", rep.Counts["media"], reportText(rep))
	}
	st = openStore(t, "sqlite")
	lim := mediaLimit(20 << 20)
	lim.MaxDocumentBytes = int64(len(pdf)) - 1
	rep = mustImport(t, st, export, wxr.Options{FetchMedia: true, MediaLimits: lim})
	if text := reportText(rep); rep.Counts["media"] != 0 || !strings.Contains(text, "attachment 80") || !strings.Contains(text, "more than") {
		t.Errorf("a PDF over the document limit: media %d\n%s", rep.Counts["media"], text)
	}
	if _, total, _ := st.MediaList(context.Background(), 0, 1); total != 0 {
		t.Errorf("library holds %d entries after a refused PDF", total)
	}
}
