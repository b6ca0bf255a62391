package admin_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"warta"
	"warta/media/mediatest"
	"warta/storetest"
)

// TestMediaUploadPDF: a PDF goes in from the library's one upload form,
// beside an image, kept as it came; the library lists it with its name,
// size and a document marker, never as a picture; its page offers the
// Markdown of a link to it. A text file named .pdf is refused, and the
// same PDF twice is one entry.
func TestMediaUploadPDF(t *testing.T) {
	forEachMSDB(t, func(t *testing.T, f *msFixture) {
		ctx := context.Background()
		author := f.login(t, warta.RoleAuthor)

		rec := f.get(t, "/admin/media", author)
		mustContain(t, "upload form", rec.Body.String(), `accept="image/jpeg,image/png,image/gif,image/webp,application/pdf,.pdf"`)

		pdf := mediatest.PDF("Siaran pers Basarnas: pencarian nelayan hilang")
		rec = f.upload(t, author, file{"Siaran Pers [Basarnas].pdf", pdf}, file{"kapal.png", mustPNG(t, 500, 300, 7)})
		mustStatus(t, "upload", rec, http.StatusSeeOther)
		var doc *warta.Media
		for _, m := range f.library(t) {
			if m.MIME == "application/pdf" {
				doc = m
			}
		}
		if doc == nil || len(f.library(t)) != 2 {
			t.Fatalf("library = %v; want the PDF and the picture", f.library(t))
		}
		if doc.OriginalName != "Siaran Pers [Basarnas].pdf" || doc.Width != 0 || doc.Height != 0 || len(doc.Variants) != 0 ||
			doc.Size != int64(len(pdf)) || !strings.HasSuffix(doc.Path, ".pdf") {
			t.Errorf("PDF entry = %+v", doc)
		}
		if stored, err := os.ReadFile(filepath.Join(f.mediaDir, filepath.FromSlash(doc.Path))); err != nil || !bytes.Equal(stored, pdf) {
			t.Errorf("stored PDF differs from the upload (%v)", err)
		}

		// The library: name, size, marker; no <img> of the PDF.
		rec = f.get(t, "/admin/media", author)
		mustStatus(t, "library", rec, http.StatusOK)
		body := rec.Body.String()
		mustContain(t, "library", body, html.EscapeString("Siaran Pers [Basarnas].pdf"))
		mustContain(t, "library", body, `class="media-document"`)
		mustContain(t, "library", body, html.EscapeString(f.cat.T("docs.media.document"))+" · 1 KB")
		mustContain(t, "library", body, html.EscapeString(f.cat.T("docs.media.count", 2)))
		if strings.Contains(body, `<img src="/media/`+doc.Path) {
			t.Error("the library shows the PDF as a picture")
		}

		// Its page: the link to paste, the file, and no picture tools.
		path := fmt.Sprintf("/admin/media/%d", doc.ID)
		rec = f.get(t, path, author)
		mustStatus(t, "document page", rec, http.StatusOK)
		body = rec.Body.String()
		want := `[Siaran Pers \[Basarnas\].pdf](/media/` + doc.Path + `)`
		mustContain(t, "document page", body, html.EscapeString(want))
		mustContain(t, "document page", body, `href="/media/`+doc.Path+`"`)
		mustContain(t, "document page", body, html.EscapeString(f.cat.T("docs.media.snippet_help")))
		for _, bad := range []string{`name="alt"`, `<img src="/media/` + doc.Path, "![", `id="variants-title"`} {
			if strings.Contains(body, bad) {
				t.Errorf("document page has %q", bad)
			}
		}
		// A caption names the document better, and becomes the link text.
		mustStatus(t, "save caption", f.post(t, path, author, url.Values{"caption": {"Siaran pers Basarnas, 3 Juli"}, "credit": {""}}), http.StatusSeeOther)
		mustContain(t, "captioned document", f.get(t, path, author).Body.String(),
			html.EscapeString(`[Siaran pers Basarnas, 3 Juli](/media/`+doc.Path+`)`))

		// A text file named .pdf: refused by its bytes, nothing stored.
		before := len(f.files(t))
		rec = f.upload(t, author, file{"rilis.pdf", []byte("Ini bukan PDF, hanya teks yang diberi nama rilis.pdf\n")})
		mustStatus(t, "fake PDF", rec, http.StatusUnprocessableEntity)
		mustContain(t, "fake PDF", rec.Body.String(), "rilis.pdf")
		mustContain(t, "fake PDF", rec.Body.String(), html.EscapeString(f.cat.T("docs.error.unsupported")))
		// A PDF cut short: refused with its own reason.
		rec = f.upload(t, author, file{"potong.pdf", pdf[:len(pdf)/2]})
		mustStatus(t, "cut PDF", rec, http.StatusUnprocessableEntity)
		mustContain(t, "cut PDF", rec.Body.String(), html.EscapeString(f.cat.T("docs.error.pdf_incomplete")))
		if got := len(f.files(t)); got != before || len(f.library(t)) != 2 {
			t.Errorf("refused documents left %d files (had %d), library %d", got, before, len(f.library(t)))
		}

		// The same PDF again, under another name: the same entry.
		mustStatus(t, "same PDF again", f.upload(t, author, file{"salinan.pdf", pdf}), http.StatusSeeOther)
		if got := len(f.library(t)); got != 2 {
			t.Errorf("library after the same PDF again: %d entries, want 2", got)
		}

		// Over the document limit (1 MiB): refused; the image limit is
		// not what decides.
		f.setting(t, "media_max_pdf_mb", "1")
		big := mediatest.PDF(strings.Repeat("Lampiran putusan halaman demi halaman. ", 40000))
		if len(big) < 1<<20 {
			t.Fatalf("big PDF is only %d bytes", len(big))
		}
		rec = f.upload(t, author, file{"lampiran.pdf", big})
		mustStatus(t, "PDF over its limit", rec, http.StatusUnprocessableEntity)
		mustContain(t, "PDF over its limit", rec.Body.String(), html.EscapeString(f.cat.T("media.error.too_large")))
		f.setting(t, "media_max_pdf_mb", "2")
		f.setting(t, "media_max_mb", "1")
		mustStatus(t, "PDF under its limit", f.upload(t, author, file{"lampiran.pdf", big}), http.StatusSeeOther)
		if _, total, _ := f.store.MediaList(ctx, 0, 1); total != 3 {
			t.Errorf("library holds %d entries, want 3", total)
		}
	})
}

// TestLeadImageNeverPDF: the editor's lead-image picker offers pictures
// only, and a PDF is refused as a lead image whether it is picked by id
// or uploaded in the editor.
func TestLeadImageNeverPDF(t *testing.T) {
	forEachMSDB(t, func(t *testing.T, f *msFixture) {
		ctx := context.Background()
		editor := f.login(t, warta.RoleEditor)
		section := storetest.MustCreateSection(t, f.store, &warta.Section{Slug: "hukum", Name: "Hukum"})
		mustStatus(t, "upload", f.upload(t, editor, file{"putusan.pdf", mediatest.PDF("Putusan")}, file{"sidang.png", mustPNG(t, 400, 300, 9)}),
			http.StatusSeeOther)
		var doc, pic *warta.Media
		for _, m := range f.library(t) {
			if m.IsImage() {
				pic = m
			} else {
				doc = m
			}
		}
		if doc == nil || pic == nil {
			t.Fatalf("library = %v", f.library(t))
		}

		rec := f.get(t, "/admin/articles/new", editor)
		mustStatus(t, "editor", rec, http.StatusOK)
		body := rec.Body.String()
		mustContain(t, "editor", body, fmt.Sprintf(`name="lead_media_id" value="%d"`, pic.ID))
		if strings.Contains(body, fmt.Sprintf(`name="lead_media_id" value="%d"`, doc.ID)) || strings.Contains(body, doc.Path) {
			t.Error("the lead-image picker offers the PDF")
		}

		form := url.Values{"headline": {"Sidang putusan digelar"}, "body": {"Isi."}, "section_id": {fmt.Sprint(section.ID)},
			"lead_media_id": {fmt.Sprint(doc.ID)}, "lead_alt": {"Dokumen"}, "action": {"save"}}
		rec = f.post(t, "/admin/articles", editor, form)
		mustStatus(t, "PDF as lead image", rec, http.StatusUnprocessableEntity)
		mustContain(t, "PDF as lead image", rec.Body.String(), html.EscapeString(f.cat.T("docs.error.lead_not_image")))
		if _, total, _ := f.store.Articles(ctx, warta.ArticleFilter{}); total != 0 {
			t.Errorf("%d articles saved with a PDF as lead image", total)
		}

		// Uploaded in the editor: refused, and not added to the library.
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, vs := range form {
			if k != "lead_media_id" {
				mw.WriteField(k, vs[0])
			}
		}
		w, _ := mw.CreateFormFile("lead_upload", "lain.pdf")
		w.Write(mediatest.PDF("Putusan lain"))
		mw.Close()
		r := httptest.NewRequest(http.MethodPost, "/admin/articles", &buf)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		rec = f.do(t, r, editor)
		mustStatus(t, "PDF uploaded as lead image", rec, http.StatusUnprocessableEntity)
		mustContain(t, "PDF uploaded as lead image", rec.Body.String(), html.EscapeString(f.cat.T("media.error.not_image")))
		if got := len(f.library(t)); got != 2 {
			t.Errorf("library holds %d entries after a refused lead upload, want 2", got)
		}

		// The picture is fine.
		form.Set("lead_media_id", fmt.Sprint(pic.ID))
		mustStatus(t, "picture as lead image", f.post(t, "/admin/articles", editor, form), http.StatusSeeOther)
	})
}
