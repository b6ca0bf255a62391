package storetest

import (
	"testing"
	"time"

	"warta"
)

// distributionTests check the queries behind feeds and sitemaps.
var distributionTests = []struct {
	name string
	fn   func(t *testing.T, st warta.Store, clock *TestClock)
}{
	{"SitemapArticles", testSitemapArticles},
	{"PublicComments", testPublicComments},
}

// distributionFixture makes one section and author and returns an
// article template in them.
func distributionFixture(t *testing.T, st warta.Store) func(slug string, status warta.ArticleStatus, published time.Time) *warta.Article {
	sec := MustCreateSection(t, st, &warta.Section{Slug: "nasional", Name: "Nasional"})
	au := MustCreateAuthor(t, st, &warta.Author{Slug: "rina", Name: "Rina"})
	return func(slug string, status warta.ArticleStatus, published time.Time) *warta.Article {
		return MustCreateArticle(t, st, &warta.Article{Slug: slug, Headline: "Judul " + slug, BodyMarkdown: "Isi.",
			Status: status, Section: *sec, Authors: []warta.Author{*au}, PublishedAt: published})
	}
}

func testSitemapArticles(t *testing.T, st warta.Store, clock *TestClock) {
	now := clock.Now()
	create := distributionFixture(t, st)
	// Created out of order, so that the order must come from published_at;
	// two share a time, so that the ID must break the tie.
	c := create("c", warta.StatusPublished, now.Add(-1*time.Hour))
	a := create("a", warta.StatusPublished, now.Add(-3*time.Hour))
	b1 := create("b1", warta.StatusPublished, now.Add(-2*time.Hour))
	b2 := create("b2", warta.StatusPublished, now.Add(-2*time.Hour))
	create("draft", warta.StatusDraft, time.Time{})
	create("later", warta.StatusPublished, now.Add(time.Hour)) // published status, but not yet
	create("sched", warta.StatusScheduled, now.Add(2*time.Hour))
	create("gone", warta.StatusUnpublished, now.Add(-4*time.Hour))

	n, err := st.CountPublished(ctx(t), now)
	if err != nil {
		t.Fatalf("CountPublished: %v", err)
	}
	if got, want := n, 4; got != want {
		t.Errorf("CountPublished = %d, want %d", got, want)
	}
	all, err := st.SitemapArticles(ctx(t), now, 0, 100)
	if err != nil {
		t.Fatalf("SitemapArticles: %v", err)
	}
	want := []*warta.Article{a, b1, b2, c}
	if len(all) != len(want) {
		t.Fatalf("SitemapArticles = %+v, want %d entries", all, len(want))
	}
	for i, w := range want {
		g := all[i]
		if g.ID != w.ID || g.Slug != w.Slug || !g.PublishedAt.Equal(w.PublishedAt) || !g.UpdatedAt.Equal(w.UpdatedAt) {
			t.Errorf("entry %d = %+v, want %s (id %d, published %v, updated %v)", i, g, w.Slug, w.ID, w.PublishedAt, w.UpdatedAt)
		}
	}
	// Chunks are stable and do not overlap.
	var chunked []warta.SitemapEntry
	for off := 0; ; off += 3 {
		page, err := st.SitemapArticles(ctx(t), now, off, 3)
		if err != nil {
			t.Fatalf("SitemapArticles(offset %d): %v", off, err)
		}
		if len(page) == 0 {
			break
		}
		chunked = append(chunked, page...)
	}
	if len(chunked) != len(all) {
		t.Fatalf("chunks hold %d entries, want %d", len(chunked), len(all))
	}
	for i := range all {
		if chunked[i].ID != all[i].ID {
			t.Errorf("chunked entry %d = %d, want %d", i, chunked[i].ID, all[i].ID)
		}
	}
	// A renamed article is listed under its new slug, with its new UpdatedAt.
	clock.Advance(time.Minute)
	c.Slug = "c-baru"
	if err := st.UpdateArticle(ctx(t), c); err != nil {
		t.Fatal(err)
	}
	last, err := st.SitemapArticles(ctx(t), clock.Now(), 3, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(last) != 1 || last[0].Slug != "c-baru" || !last[0].UpdatedAt.Equal(c.UpdatedAt) {
		t.Errorf("after rename = %+v, want c-baru updated %v", last, c.UpdatedAt)
	}
	// "before" decides: later the scheduled-by-date article appears.
	if n, err := st.CountPublished(ctx(t), now.Add(2*time.Hour)); err != nil || n != 5 {
		t.Errorf("CountPublished(two hours on) = %d, %v; want 5", n, err)
	}
	if got, err := st.SitemapArticles(ctx(t), now, 0, 0); err != nil || len(got) != 0 {
		t.Errorf("SitemapArticles(limit 0) = %v, %v; want none", got, err)
	}
}

func testPublicComments(t *testing.T, st warta.Store, clock *TestClock) {
	now := clock.Now()
	create := distributionFixture(t, st)
	pub := create("terbit", warta.StatusPublished, now.Add(-time.Hour))
	other := create("lain", warta.StatusPublished, now.Add(-2*time.Hour))
	draft := create("draf", warta.StatusDraft, time.Time{})
	later := create("nanti", warta.StatusPublished, now.Add(time.Hour))
	gone := create("tarik", warta.StatusPublished, now.Add(-3*time.Hour))

	comment := func(a *warta.Article, content string, status warta.CommentStatus) *warta.Comment {
		clock.Advance(time.Second)
		return MustCreateComment(t, st, &warta.Comment{ArticleID: a.ID, AuthorName: "Budi", AuthorEmail: "budi@example.id",
			Content: content, ContentHTML: "<p>" + content + "</p>", Status: status})
	}
	c1 := comment(pub, "satu", warta.CommentApproved)
	comment(pub, "tertahan", warta.CommentPending)
	comment(pub, "spam", warta.CommentSpam)
	c2 := comment(other, "dua", warta.CommentApproved)
	comment(draft, "di draf", warta.CommentApproved)
	comment(later, "di nanti", warta.CommentApproved)
	comment(gone, "di tarik", warta.CommentApproved)
	c3 := comment(pub, "tiga", warta.CommentApproved)
	gone.Status = warta.StatusUnpublished
	if err := st.UpdateArticle(ctx(t), gone); err != nil {
		t.Fatal(err)
	}

	ids := func(list []*warta.Comment) []int64 {
		var out []int64
		for _, c := range list {
			out = append(out, c.ID)
		}
		return out
	}
	equal := func(what string, got []*warta.Comment, want ...*warta.Comment) {
		t.Helper()
		g, w := ids(got), ids(want)
		if len(g) != len(w) {
			t.Errorf("%s = %v, want %v", what, g, w)
			return
		}
		for i := range g {
			if g[i] != w[i] {
				t.Errorf("%s = %v, want %v", what, g, w)
				return
			}
		}
	}
	all, err := st.PublicComments(ctx(t), 0, clock.Now(), 10)
	if err != nil {
		t.Fatalf("PublicComments: %v", err)
	}
	equal("PublicComments(all)", all, c3, c2, c1)
	if len(all) > 0 {
		MustEqualComment(t, "newest", all[0], c3)
	}
	one, err := st.PublicComments(ctx(t), pub.ID, clock.Now(), 10)
	if err != nil {
		t.Fatal(err)
	}
	equal("PublicComments(article)", one, c3, c1)
	limited, err := st.PublicComments(ctx(t), 0, clock.Now(), 2)
	if err != nil {
		t.Fatal(err)
	}
	equal("PublicComments(limit 2)", limited, c3, c2)
	none, err := st.PublicComments(ctx(t), draft.ID, clock.Now(), 10)
	if err != nil {
		t.Fatal(err)
	}
	equal("PublicComments(draft)", none)
}
