package wpjson_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"warta"
	"warta/internal/teststore"
	"warta/storetest"
)

// TestMediaDocument: a PDF that a published article links to is in the
// media collection with WordPress's shape for a file: media_type "file",
// its MIME type, media_details without sizes, the linking article as its
// post. One linked only from an embargoed story is not, and images keep
// their shape.
func TestMediaDocument(t *testing.T) {
	teststore.Each(t, func(t *testing.T, db string) {
		f := newFixtureOn(t, db)
		mkDoc := func(label, name string) *warta.Media {
			f.clock.advance(time.Second)
			hash := strings.Repeat(label, 64)
			m := &warta.Media{Hash: hash, Path: "lib/" + hash[:2] + "/" + hash + ".pdf", MIME: "application/pdf",
				Size: 48213, OriginalName: name, Caption: "Salinan putusan lengkap"}
			if err := f.st.CreateMedia(t.Context(), m); err != nil {
				t.Fatal(err)
			}
			return m
		}
		doc, hidden := mkDoc("d", "Putusan PN Demak.pdf"), mkDoc("e", "Rilis embargo.pdf")
		f.clock.advance(time.Second)
		linking := storetest.MustCreateArticle(t, f.st, &warta.Article{Slug: "putusan-tanggul", Headline: "Putusan soal tanggul",
			BodyMarkdown: "Baca [putusannya](/media/" + doc.Path + ").", BodyHTML: `<p>Baca <a href="/media/` + doc.Path + `">putusannya</a>.</p>`,
			Status: warta.StatusPublished, Section: *f.nasional, Authors: []warta.Author{*f.budi}, PublishedAt: now.Add(-time.Hour)})
		storetest.MustCreateArticle(t, f.st, &warta.Article{Slug: "rilis-besok", Headline: "Rilis besok",
			BodyMarkdown: "[rilis](/media/" + hidden.Path + ")", BodyHTML: "<p>rilis</p>",
			Status: warta.StatusScheduled, Section: *f.nasional, Authors: []warta.Author{*f.rina}, PublishedAt: now.Add(24 * time.Hour)})
		f.clock.advance(time.Minute)

		list, rec := f.list(t, "/wp-json/wp/v2/media")
		if got := ids(list); !slices.Equal(got, []int64{doc.ID, f.lead.ID}) || rec.Header().Get("X-WP-Total") != "2" {
			t.Fatalf("media = %v, want the linked PDF and the published lead image", got)
		}
		o := f.object(t, "/wp-json/wp/v2/media/"+strconv.FormatInt(doc.ID, 10))
		checkShape(t, "document", o, mediaSchema)
		for k, v := range map[string]any{
			"type": "attachment", "media_type": "file", "mime_type": "application/pdf", "slug": "putusan-pn-demak",
			"source_url": baseURL + "/media/" + doc.Path, "link": baseURL + "/media/" + doc.Path,
			"post": float64(linking.ID), "author": float64(f.budi.ID), "alt_text": "",
		} {
			if o[k] != v {
				t.Errorf("document %s = %#v, want %#v", k, o[k], v)
			}
		}
		d := o["media_details"].(map[string]any)
		if _, ok := d["sizes"]; ok {
			t.Errorf("media_details of a file has sizes: %v", d)
		}
		if d["filesize"] != float64(48213) || len(d) != 1 {
			t.Errorf("media_details = %v, want only its filesize", d)
		}
		if rendered(o, "title") != "Putusan PN Demak" || !strings.Contains(rendered(o, "caption"), "Salinan putusan lengkap") {
			t.Errorf("title %q caption %q", rendered(o, "title"), rendered(o, "caption"))
		}
		wantError(t, "embargoed document", f.get(t, "/wp-json/wp/v2/media/"+strconv.FormatInt(hidden.ID, 10)), 404, "rest_post_invalid_id")

		// Images keep WordPress's image shape beside it.
		img := f.object(t, "/wp-json/wp/v2/media/"+strconv.FormatInt(f.lead.ID, 10))
		if img["media_type"] != "image" || img["media_details"].(map[string]any)["sizes"] == nil {
			t.Errorf("image beside a document: media_type %v, details %v", img["media_type"], img["media_details"])
		}
		// A post never features a document.
		p := f.object(t, "/wp-json/wp/v2/posts/"+strconv.FormatInt(linking.ID, 10))
		if p["featured_media"] != float64(0) {
			t.Errorf("the linking post's featured_media = %v, want 0", p["featured_media"])
		}
	})
}
