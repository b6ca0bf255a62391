package storetest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"warta"
)

// docsTests cover documents (PDFs) in the media library: the image list
// leaves them out, and an article's body linking to one makes it public
// for PublishedMedia once the article is, whichever way it was written.
var docsTests = []struct {
	name string
	fn   func(t *testing.T, st warta.Store, clock *TestClock)
}{
	{"DocsImageList", testDocsImageList},
	{"DocsPublishedByBodyLink", testDocsPublishedByBodyLink},
	{"DocsImportedBodyLink", testDocsImportedBodyLink},
}

// mustDocument stores a PDF entry named by label.
func mustDocument(t *testing.T, st warta.Store, label string) *warta.Media {
	t.Helper()
	hash := strings.Repeat(label[:1], 64)
	m := &warta.Media{Hash: hash, Path: "lib/" + hash[:2] + "/" + hash + ".pdf", MIME: "application/pdf",
		Size: 12345, OriginalName: label + ".pdf"}
	if err := st.CreateMedia(ctx(t), m); err != nil {
		t.Fatalf("CreateMedia(%s): %v", label, err)
	}
	return m
}

func mediaIDs(list []*warta.Media) []int64 {
	var out []int64
	for _, m := range list {
		out = append(out, m.ID)
	}
	return out
}

func testDocsImageList(t *testing.T, st warta.Store, clock *TestClock) {
	var want []int64
	for i, label := range []string{"1", "2", "3"} {
		clock.Advance(time.Second)
		if i == 1 {
			mustDocument(t, st, "d")
			clock.Advance(time.Second)
		}
		m := &warta.Media{Hash: strings.Repeat(label, 64), Path: "lib/" + label + ".jpg", MIME: "image/jpeg", Width: 10, Height: 10}
		if err := st.CreateMedia(ctx(t), m); err != nil {
			t.Fatal(err)
		}
		want = append([]int64{m.ID}, want...)
	}
	list, total, err := st.ImageList(ctx(t), 0, 10)
	if err != nil || total != 3 || !slices.Equal(mediaIDs(list), want) {
		t.Errorf("ImageList = %v (total %d), %v; want %v (3), newest first, no document", mediaIDs(list), total, err, want)
	}
	if list, total, _ := st.ImageList(ctx(t), 2, 2); total != 3 || !slices.Equal(mediaIDs(list), want[2:]) {
		t.Errorf("ImageList page 2 = %v (total %d)", mediaIDs(list), total)
	}
	if _, total, _ := st.ImageList(ctx(t), 10, 2); total != 3 {
		t.Errorf("ImageList past the end: total %d, want 3", total)
	}
	if _, total, _ := st.MediaList(ctx(t), 0, 10); total != 4 {
		t.Errorf("MediaList total %d, want 4 (the document too)", total)
	}
}

func testDocsPublishedByBodyLink(t *testing.T, st warta.Store, clock *TestClock) {
	sec := MustCreateSection(t, st, &warta.Section{Slug: "hukum", Name: "Hukum"})
	au := MustCreateAuthor(t, st, &warta.Author{Slug: "redaksi", Name: "Redaksi"})
	ruling, embargoed, unlinked := mustDocument(t, st, "a"), mustDocument(t, st, "b"), mustDocument(t, st, "c")
	now := clock.Now()
	link := func(m *warta.Media) string { return "[Salinan putusan](/media/" + m.Path + ")" }
	pub := MustCreateArticle(t, st, &warta.Article{Slug: "putusan", Headline: "Putusan dibacakan", Status: warta.StatusPublished,
		BodyMarkdown: "Baca " + link(ruling) + " dan " + link(ruling) + ".", BodyHTML: "<p>x</p>",
		Section: *sec, Authors: []warta.Author{*au}, PublishedAt: now.Add(-time.Hour)})
	MustCreateArticle(t, st, &warta.Article{Slug: "besok", Headline: "Besok", Status: warta.StatusScheduled,
		BodyMarkdown: link(embargoed), BodyHTML: "<p>x</p>", Section: *sec, Authors: []warta.Author{*au}, PublishedAt: now.Add(24 * time.Hour)})
	MustCreateArticle(t, st, &warta.Article{Slug: "draf", Headline: "Draf", Status: warta.StatusDraft,
		BodyMarkdown: link(unlinked), BodyHTML: "<p>x</p>", Section: *sec, Authors: []warta.Author{*au}})

	list, total, err := st.PublishedMedia(ctx(t), now, nil, 0, 10)
	if err != nil || total != 1 || !slices.Equal(mediaIDs(list), []int64{ruling.ID}) {
		t.Fatalf("PublishedMedia = %v (total %d), %v; want only the document a published article links", mediaIDs(list), total, err)
	}
	if list, _, _ := st.PublishedMedia(ctx(t), now, []int64{embargoed.ID, unlinked.ID}, 0, 10); len(list) != 0 {
		t.Errorf("asked by id, the documents of a scheduled and a draft article are listed: %v", mediaIDs(list))
	}
	got, _, err := st.Articles(ctx(t), warta.ArticleFilter{DocumentID: ruling.ID})
	if err != nil || len(got) != 1 || got[0].ID != pub.ID {
		t.Errorf("Articles(DocumentID) = %v, %v; want the linking article", got, err)
	}

	// The link removed: no longer public.
	pub.BodyMarkdown = "Tanpa lampiran."
	if err := st.UpdateArticle(ctx(t), pub); err != nil {
		t.Fatal(err)
	}
	if list, total, _ := st.PublishedMedia(ctx(t), now, nil, 0, 10); total != 0 {
		t.Errorf("after the link was removed, PublishedMedia = %v", mediaIDs(list))
	}
	// Linked again, from an update this time.
	pub.BodyMarkdown = link(unlinked)
	if err := st.UpdateArticle(ctx(t), pub); err != nil {
		t.Fatal(err)
	}
	if list, _, _ := st.PublishedMedia(ctx(t), now, nil, 0, 10); !slices.Equal(mediaIDs(list), []int64{unlinked.ID}) {
		t.Errorf("after an update linking another document, PublishedMedia = %v", mediaIDs(list))
	}
	// A link to a picture's path is not a document link.
	pic := &warta.Media{Hash: strings.Repeat("e", 64), Path: "lib/ee/" + strings.Repeat("e", 64) + ".jpg", MIME: "image/jpeg", Width: 5, Height: 5}
	if err := st.CreateMedia(ctx(t), pic); err != nil {
		t.Fatal(err)
	}
	pub.BodyMarkdown = "![foto](/media/" + pic.Path + ")"
	if err := st.UpdateArticle(ctx(t), pub); err != nil {
		t.Fatal(err)
	}
	if list, total, _ := st.PublishedMedia(ctx(t), now, nil, 0, 10); total != 0 {
		t.Errorf("a picture placed in a body only is listed: %v", mediaIDs(list))
	}
}

func testDocsImportedBodyLink(t *testing.T, st warta.Store, clock *TestClock) {
	sec, au := importFixture(t, st)
	doc := mustDocument(t, st, "f")
	a := importedArticle(sec, au, "laporan-tahunan")
	a.BodyMarkdown = "Unduh [laporan](/media/" + doc.Path + ")."
	if err := st.ImportArticle(ctx(t), key(warta.ImportPost, "77"), a, nil, nil); err != nil {
		t.Fatal(err)
	}
	if list, _, _ := st.PublishedMedia(ctx(t), clock.Now(), nil, 0, 10); !slices.Equal(mediaIDs(list), []int64{doc.ID}) {
		t.Errorf("PublishedMedia after an import = %v, want the linked document", mediaIDs(list))
	}
	items := []warta.ArticleImport{{Key: key(warta.ImportPost, "78"), Article: importedArticle(sec, au, "laporan-kedua")}}
	items[0].Article.BodyMarkdown = "Tanpa lampiran."
	a.BodyMarkdown = "Tanpa lampiran juga."
	items = append(items, warta.ArticleImport{Key: key(warta.ImportPost, "77"), Article: a})
	if errs, err := st.ImportArticles(ctx(t), items); err != nil || slices.ContainsFunc(errs, func(e error) bool { return e != nil }) {
		t.Fatalf("ImportArticles: %v %v", errs, err)
	}
	if list, total, _ := st.PublishedMedia(ctx(t), clock.Now(), nil, 0, 10); total != 0 {
		t.Errorf("after a re-import without the link, PublishedMedia = %v", mediaIDs(list))
	}
}
