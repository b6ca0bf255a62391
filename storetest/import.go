package storetest

import (
	"fmt"
	"testing"
	"time"

	"warta"
)

// importTests check warta.ImportStore: keys make imports repeatable,
// each item is whole or absent, and redirects are kept.
var importTests = []struct {
	name string
	fn   func(t *testing.T, st warta.Store, clock *TestClock)
}{
	{"ImportTaxonomyIdempotent", testImportTaxonomy},
	{"ImportAuthorWithUser", testImportAuthorWithUser},
	{"ImportArticleWithComments", testImportArticleWithComments},
	{"ImportArticleAtomic", testImportArticleAtomic},
	{"ImportArticleSlugTaken", testImportArticleSlugTaken},
	{"ImportArticlesBatch", testImportArticlesBatch},
	{"ImportArticleMissingReferences", testImportArticleMissingReferences},
	{"ImportMediaByHash", testImportMediaByHash},
	{"ImportPage", testImportPage},
	{"Redirects", testRedirects},
}

func key(kind, k string) warta.ImportKey {
	return warta.ImportKey{Source: "https://lama.example.id", Kind: kind, Key: k}
}

func testImportTaxonomy(t *testing.T, st warta.Store, _ *TestClock) {
	existing := MustCreateSection(t, st, &warta.Section{Slug: "berita", Name: "Berita"})
	sec := &warta.Section{Slug: "berita", Name: "Berita Lama"}
	if err := st.ImportSection(ctx(t), key(warta.ImportCategory, "3"), sec, nil); err != nil {
		t.Fatalf("ImportSection: %v", err)
	}
	if sec.ID != existing.ID {
		t.Errorf("ImportSection made section %d, want the existing %d adopted", sec.ID, existing.ID)
	}
	// Second run with a changed name: same row, new name.
	again := &warta.Section{Slug: "berita-baru", Name: "Kabar"}
	if err := st.ImportSection(ctx(t), key(warta.ImportCategory, "3"), again, nil); err != nil {
		t.Fatalf("ImportSection again: %v", err)
	}
	if again.ID != existing.ID {
		t.Errorf("re-import made section %d, want %d", again.ID, existing.ID)
	}
	got, err := st.SectionBySlug(ctx(t), "berita")
	if err != nil || got.Name != "Kabar" {
		t.Errorf("section after re-import = %+v, %v; want name Kabar under the old slug", got, err)
	}
	list, _ := st.Sections(ctx(t))
	if len(list) != 1 {
		t.Errorf("%d sections, want 1", len(list))
	}

	tag := &warta.Tag{Slug: "banjir", Name: "Banjir"}
	if err := st.ImportTag(ctx(t), key(warta.ImportTag, "9"), tag, []warta.Redirect{{Path: "/tag/banjir-rob/", Target: "/tag/banjir/"}}); err != nil {
		t.Fatalf("ImportTag: %v", err)
	}
	tag2 := &warta.Tag{Slug: "banjir", Name: "Banjir"}
	if err := st.ImportTag(ctx(t), key(warta.ImportTag, "9"), tag2, nil); err != nil || tag2.ID != tag.ID {
		t.Fatalf("ImportTag again: id %d, %v; want %d", tag2.ID, err, tag.ID)
	}
	ids, err := st.ImportedIDs(ctx(t), "https://lama.example.id", warta.ImportTag)
	if err != nil || len(ids) != 1 || ids["9"] != tag.ID {
		t.Errorf("ImportedIDs = %v, %v; want 9 → %d", ids, err, tag.ID)
	}
	if err := st.ImportTag(ctx(t), key(warta.ImportTag, "10"), &warta.Tag{Slug: "Bad Slug", Name: "x"}, nil); err == nil {
		t.Error("ImportTag accepted an invalid slug")
	}
}

func testImportAuthorWithUser(t *testing.T, st warta.Store, _ *TestClock) {
	a := &warta.Author{Slug: "rina", Name: "Rina Pertiwi"}
	u := &warta.User{Email: "rina@lama.example.id", Role: warta.RoleAuthor, Disabled: true}
	if err := st.ImportAuthor(ctx(t), key(warta.ImportAuthor, "rina"), a, u, nil); err != nil {
		t.Fatalf("ImportAuthor: %v", err)
	}
	got, err := st.UserByEmail(ctx(t), "RINA@lama.example.id")
	if err != nil {
		t.Fatalf("UserByEmail: %v", err)
	}
	if !got.Disabled || got.PasswordHash != "" || got.AuthorID != a.ID || got.Name != "Rina Pertiwi" {
		t.Errorf("imported user = %+v; want disabled, no password, author %d", got, a.ID)
	}
	// Again: no second user, no second author.
	a2 := &warta.Author{Slug: "rina", Name: "Rina P."}
	u2 := &warta.User{Email: "rina@lama.example.id", Role: warta.RoleAuthor, Disabled: true}
	if err := st.ImportAuthor(ctx(t), key(warta.ImportAuthor, "rina"), a2, u2, nil); err != nil {
		t.Fatalf("ImportAuthor again: %v", err)
	}
	if a2.ID != a.ID || u2.ID != got.ID {
		t.Errorf("re-import gave author %d user %d, want %d and %d", a2.ID, u2.ID, a.ID, got.ID)
	}
	if n, _ := st.CountUsers(ctx(t)); n != 1 {
		t.Errorf("%d users, want 1", n)
	}
	// A user who is here already keeps their account and lends their profile.
	staff := &warta.User{Email: "budi@warta.example.id", Name: "Budi", Role: warta.RoleEditor}
	if err := st.CreateUser(ctx(t), staff); err != nil {
		t.Fatal(err)
	}
	b := &warta.Author{Slug: "budi-lama", Name: "Budi"}
	if err := st.ImportAuthor(ctx(t), key(warta.ImportAuthor, "budi"), b, &warta.User{Email: "budi@warta.example.id", Role: warta.RoleAuthor, Disabled: true}, nil); err != nil {
		t.Fatalf("ImportAuthor existing user: %v", err)
	}
	if b.ID != staff.AuthorID {
		t.Errorf("author %d, want the existing user's profile %d", b.ID, staff.AuthorID)
	}
	if got, _ := st.UserByID(ctx(t), staff.ID); got.Disabled {
		t.Error("import disabled an existing member of staff")
	}
}

// importFixture makes the section and author an imported article needs.
func importFixture(t *testing.T, st warta.Store) (*warta.Section, *warta.Author) {
	sec := MustCreateSection(t, st, &warta.Section{Slug: "nasional", Name: "Nasional"})
	au := MustCreateAuthor(t, st, &warta.Author{Slug: "redaksi", Name: "Redaksi"})
	return sec, au
}

func importedArticle(sec *warta.Section, au *warta.Author, slug string) *warta.Article {
	return &warta.Article{
		Slug: slug, Headline: "Jembatan lama dibuka lagi", BodyMarkdown: "Isi.", BodyHTML: "<p>Isi.</p>",
		Status: warta.StatusPublished, Section: *sec, Authors: []warta.Author{*au},
		PublishedAt: time.Date(2019, 3, 4, 5, 6, 7, 0, time.UTC), CreatedAt: time.Date(2019, 3, 4, 5, 0, 0, 0, time.UTC),
		CommentsOpen: true,
	}
}

func testImportArticleWithComments(t *testing.T, st warta.Store, _ *TestClock) {
	sec, au := importFixture(t, st)
	when := time.Date(2019, 3, 5, 8, 0, 0, 0, time.UTC)
	comments := func() []*warta.ImportedComment {
		return []*warta.ImportedComment{
			{Key: "11", Comment: warta.Comment{AuthorName: "Ani", AuthorEmail: "ani@example.id", AuthorIP: "192.0.2.1", Content: "Akhirnya.", Status: warta.CommentApproved, CreatedAt: when}},
			{Key: "12", ParentKey: "11", Comment: warta.Comment{AuthorName: "Bayu", Content: "Setuju.", Status: warta.CommentPending, CreatedAt: when.Add(time.Hour)}},
			{Key: "13", ParentKey: "12", Comment: warta.Comment{AuthorName: "Spammer", Content: "beli obat", Status: warta.CommentSpam, CreatedAt: when}},
		}
	}
	a := importedArticle(sec, au, "jembatan-lama")
	cs := comments()
	redirects := []warta.Redirect{{Path: "/?p=42", Target: "/2019/03/04/jembatan-lama/"}}
	if err := st.ImportArticle(ctx(t), key(warta.ImportPost, "42"), a, cs, redirects); err != nil {
		t.Fatalf("ImportArticle: %v", err)
	}
	if a.ID == 0 || a.Revision != 1 || !a.CreatedAt.Equal(time.Date(2019, 3, 4, 5, 0, 0, 0, time.UTC)) {
		t.Errorf("imported article: id %d revision %d created %v; want an ID, revision 1 and the source's date", a.ID, a.Revision, a.CreatedAt)
	}
	reply, err := st.CommentByID(ctx(t), cs[2].ID)
	if err != nil {
		t.Fatal(err)
	}
	if reply.ParentID != cs[1].ID || reply.Depth != 2 || reply.Status != warta.CommentSpam || !reply.CreatedAt.Equal(when) {
		t.Errorf("reply = parent %d depth %d status %s created %v; want parent %d depth 2 spam %v", reply.ParentID, reply.Depth, reply.Status, reply.CreatedAt, cs[1].ID, when)
	}
	first, _ := st.CommentByID(ctx(t), cs[0].ID)
	if first.AuthorIP != "192.0.2.1" || first.AuthorEmail != "ani@example.id" {
		t.Errorf("private fields not kept: %+v", first)
	}

	// The same again: nothing new, not even a revision.
	again := importedArticle(sec, au, "jembatan-lama")
	if err := st.ImportArticle(ctx(t), key(warta.ImportPost, "42"), again, comments(), redirects); err != nil {
		t.Fatalf("ImportArticle again: %v", err)
	}
	if again.ID != a.ID || again.Revision != 1 {
		t.Errorf("re-import: id %d revision %d; want %d and 1", again.ID, again.Revision, a.ID)
	}
	_, n, _ := st.Comments(ctx(t), warta.CommentFilter{ArticleID: a.ID})
	if n != 3 {
		t.Errorf("%d comments after re-import, want 3", n)
	}
	// A changed headline and a newly approved comment: updated in place.
	changed := importedArticle(sec, au, "jembatan-lama")
	changed.Headline = "Jembatan lama dibuka kembali"
	cs = comments()
	cs[1].Status = warta.CommentApproved
	if err := st.ImportArticle(ctx(t), key(warta.ImportPost, "42"), changed, cs, redirects); err != nil {
		t.Fatalf("ImportArticle changed: %v", err)
	}
	stored, err := st.ArticleByID(ctx(t), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if changed.Revision != 2 || stored.Revision != 2 || stored.Headline != "Jembatan lama dibuka kembali" || stored.CommentCount != 2 {
		t.Errorf("after change: revision %d (stored %d) headline %q comments %d; want 2, the new headline, 2",
			changed.Revision, stored.Revision, stored.Headline, stored.CommentCount)
	}
	if got, err := st.RedirectFor(ctx(t), "/?p=42"); err != nil || got != "/2019/03/04/jembatan-lama/" {
		t.Errorf("RedirectFor(/?p=42) = %q, %v", got, err)
	}
}

func testImportArticleAtomic(t *testing.T, st warta.Store, _ *TestClock) {
	sec, au := importFixture(t, st)
	a := importedArticle(sec, au, "setengah")
	cs := []*warta.ImportedComment{
		{Key: "1", Comment: warta.Comment{AuthorName: "A", Content: "ok", Status: warta.CommentApproved}},
		{Key: "2", ParentKey: "99", Comment: warta.Comment{AuthorName: "B", Content: "yatim", Status: warta.CommentApproved}},
	}
	err := st.ImportArticle(ctx(t), key(warta.ImportPost, "7"), a, cs, []warta.Redirect{{Path: "/setengah/", Target: "/2019/03/04/setengah/"}})
	MustBeCode(t, err, warta.EINVALID)
	if _, err := st.ArticleBySlug(ctx(t), "setengah"); warta.ErrorCode(err) != warta.ENOTFOUND {
		t.Errorf("after a failed import the article exists: %v", err)
	}
	if _, err := st.RedirectFor(ctx(t), "/setengah/"); warta.ErrorCode(err) != warta.ENOTFOUND {
		t.Errorf("after a failed import the redirect exists: %v", err)
	}
	if ids, _ := st.ImportedIDs(ctx(t), "https://lama.example.id", warta.ImportComment); len(ids) != 0 {
		t.Errorf("after a failed import comment keys remain: %v", ids)
	}
	bad := importedArticle(sec, au, "x")
	bad.Headline = ""
	MustBeCode(t, st.ImportArticle(ctx(t), key(warta.ImportPost, "8"), bad, nil, nil), warta.EINVALID)
}

func testImportArticleSlugTaken(t *testing.T, st warta.Store, _ *TestClock) {
	sec, au := importFixture(t, st)
	mine := MustCreateArticle(t, st, importedArticle(sec, au, "pemilu"))
	a := importedArticle(sec, au, "pemilu")
	if err := st.ImportArticle(ctx(t), key(warta.ImportPost, "5"), a, nil, nil); err != nil {
		t.Fatalf("ImportArticle: %v", err)
	}
	if a.ID == mine.ID || a.Slug != "pemilu-2" {
		t.Errorf("imported over a taken slug: id %d slug %q; want a new article at pemilu-2", a.ID, a.Slug)
	}
}

func testImportMediaByHash(t *testing.T, st warta.Store, _ *TestClock) {
	m := &warta.Media{Hash: "ab12", Path: "lib/ab/ab12.jpg", MIME: "image/jpeg", Width: 10, Height: 10, Caption: "Pasar"}
	if err := st.ImportMedia(ctx(t), key(warta.ImportAttachment, "30"), m, []warta.Redirect{{Path: "/?attachment_id=30", Target: "/media/lib/ab/ab12.jpg"}}); err != nil {
		t.Fatalf("ImportMedia: %v", err)
	}
	m2 := &warta.Media{Hash: "ab12", Path: "lib/ab/ab12.jpg", MIME: "image/jpeg", Width: 10, Height: 10}
	if err := st.ImportMedia(ctx(t), key(warta.ImportAttachment, "31"), m2, nil); err != nil || m2.ID != m.ID {
		t.Fatalf("ImportMedia same image: id %d, %v; want %d", m2.ID, err, m.ID)
	}
	got, _ := st.MediaByID(ctx(t), m.ID)
	if got.Caption != "Pasar" {
		t.Errorf("caption %q, want it kept when the import brings none", got.Caption)
	}
	if _, total, _ := st.MediaList(ctx(t), 0, 10); total != 1 {
		t.Errorf("%d media entries, want 1", total)
	}
}

func testRedirects(t *testing.T, st warta.Store, _ *TestClock) {
	if _, err := st.RedirectFor(ctx(t), "/nothing/"); warta.ErrorCode(err) != warta.ENOTFOUND {
		t.Errorf("RedirectFor unknown = %v, want ENOTFOUND", err)
	}
	tag := &warta.Tag{Slug: "sepak-bola", Name: "Sepak bola"}
	for _, target := range []string{"/tag/bola/", "/tag/sepak-bola/"} {
		if err := st.ImportTag(ctx(t), key(warta.ImportTag, "1"), tag, []warta.Redirect{{Path: "/tag/football/", Target: target}}); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := st.RedirectFor(ctx(t), "/tag/football/"); got != "/tag/sepak-bola/" {
		t.Errorf("redirect = %q, want the latest target", got)
	}
	for _, r := range []warta.Redirect{{Path: "tag/x/", Target: "/tag/x/"}, {Path: "/a/", Target: "https://evil.example/"}, {Path: "/same/", Target: "/same/"}, {Path: "/b/", Target: "//evil.example/"}} {
		MustBeCode(t, st.ImportTag(ctx(t), key(warta.ImportTag, "2"), &warta.Tag{Slug: "x", Name: "X"}, []warta.Redirect{r}), warta.EINVALID)
	}
	if _, err := st.TagBySlug(ctx(t), "x"); warta.ErrorCode(err) != warta.ENOTFOUND {
		t.Error("a refused redirect left its tag behind")
	}
}

func testImportPage(t *testing.T, st warta.Store, _ *TestClock) {
	if err := st.CreatePage(ctx(t), &warta.Page{Slug: "tentang-kami", Title: "Tentang Kami", Status: warta.PagePublished}); err != nil {
		t.Fatal(err)
	}
	p := &warta.Page{Slug: "tentang-kami", Title: "Tentang kami (lama)", BodyMarkdown: "Isi", BodyHTML: "<p>Isi</p>", Status: warta.PagePublished}
	redirects := []warta.Redirect{{Path: "/?page_id=2", Target: "/tentang-kami-2/"}}
	if err := st.ImportPage(ctx(t), key(warta.ImportPage, "2"), p, redirects); err != nil {
		t.Fatalf("ImportPage: %v", err)
	}
	if p.Slug != "tentang-kami-2" || p.ID == 0 {
		t.Errorf("imported page: slug %q id %d; want tentang-kami-2 beside the newsroom's own page", p.Slug, p.ID)
	}
	again := &warta.Page{Slug: "tentang-kami", Title: "Tentang kami", Status: warta.PageDraft}
	if err := st.ImportPage(ctx(t), key(warta.ImportPage, "2"), again, redirects); err != nil {
		t.Fatalf("ImportPage again: %v", err)
	}
	if again.ID != p.ID || again.Slug != "tentang-kami-2" || again.Status != warta.PageDraft || again.Title != "Tentang kami" {
		t.Errorf("re-import = %+v; want page %d updated in place", again, p.ID)
	}
	if list, _ := st.Pages(ctx(t)); len(list) != 2 {
		t.Errorf("%d pages, want 2", len(list))
	}
	MustBeCode(t, st.ImportPage(ctx(t), key(warta.ImportPage, "3"), &warta.Page{Slug: "feed", Title: "Feed", Status: warta.PageDraft}, nil), warta.EINVALID)
}

func testImportArticleMissingReferences(t *testing.T, st warta.Store, _ *TestClock) {
	sec, au := importFixture(t, st)
	for name, mutate := range map[string]func(a *warta.Article){
		"section": func(a *warta.Article) { a.Section.ID = 9999 },
		"tag":     func(a *warta.Article) { a.Tags = []warta.Tag{{ID: 9999}} },
		"author":  func(a *warta.Article) { a.Authors = []warta.Author{{ID: 9999}} },
		"media":   func(a *warta.Article) { a.LeadImage.MediaID = 9999 },
	} {
		a := importedArticle(sec, au, "tanpa-"+name)
		mutate(a)
		MustBeCode(t, st.ImportArticle(ctx(t), key(warta.ImportPost, name), a, nil, nil), warta.EINVALID)
		if _, err := st.ArticleBySlug(ctx(t), "tanpa-"+name); warta.ErrorCode(err) != warta.ENOTFOUND {
			t.Errorf("an article with a missing %s was saved: %v", name, err)
		}
	}
}

// testImportArticlesBatch: in one batch, an article the store refuses
// (here for a section that does not exist, caught by the database) is
// rolled back alone, with its comments and redirects.
func testImportArticlesBatch(t *testing.T, st warta.Store, _ *TestClock) {
	sec, au := importFixture(t, st)
	bad := importedArticle(sec, au, "buruk")
	bad.Section.ID = 9999
	items := []warta.ArticleImport{
		{Key: key(warta.ImportPost, "1"), Article: importedArticle(sec, au, "pertama"),
			Comments: []*warta.ImportedComment{{Key: "1", Comment: warta.Comment{AuthorName: "A", Content: "satu", Status: warta.CommentApproved}}}},
		{Key: key(warta.ImportPost, "2"), Article: bad,
			Comments:  []*warta.ImportedComment{{Key: "2", Comment: warta.Comment{AuthorName: "B", Content: "dua", Status: warta.CommentApproved}}},
			Redirects: []warta.Redirect{{Path: "/buruk/", Target: "/2019/03/04/buruk/"}}},
		{Key: key(warta.ImportPost, "3"), Article: &warta.Article{Slug: "tanpa-judul"}},
		{Key: key(warta.ImportPost, "4"), Article: importedArticle(sec, au, "keempat")},
	}
	errs, err := st.ImportArticles(ctx(t), items)
	if err != nil {
		t.Fatalf("ImportArticles: %v", err)
	}
	if len(errs) != 4 || errs[0] != nil || errs[3] != nil {
		t.Fatalf("errs = %v; want the first and last imported", errs)
	}
	MustBeCode(t, errs[1], warta.EINVALID)
	MustBeCode(t, errs[2], warta.EINVALID)
	for slug, want := range map[string]bool{"pertama": true, "buruk": false, "keempat": true} {
		_, err := st.ArticleBySlug(ctx(t), slug)
		if got := err == nil; got != want {
			t.Errorf("article %s exists: %v, want %v", slug, got, want)
		}
	}
	if _, err := st.RedirectFor(ctx(t), "/buruk/"); warta.ErrorCode(err) != warta.ENOTFOUND {
		t.Error("the refused article's redirect was kept")
	}
	if ids, _ := st.ImportedIDs(ctx(t), "https://lama.example.id", warta.ImportComment); len(ids) != 1 || ids["1"] == 0 {
		t.Errorf("comment keys = %v; want only the first article's", ids)
	}
	// The search index is written once per batch, after the savepoints:
	// it must hold the imported articles and not the refused one.
	if found, _ := mustSearch(t, st, "id", "jembatan", 0, 10); fmt.Sprint(found) != "[keempat pertama]" && fmt.Sprint(found) != "[pertama keempat]" {
		t.Errorf("search finds %v; want the two imported articles", found)
	}
}
