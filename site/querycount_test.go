package site_test

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"warta"
	"warta/storetest"
)

// maxQueries bounds the statements a reading page may run, unless its
// case says otherwise. BEGIN and COMMIT are not counted (see
// sqlstore.Store.QueryCount).
const maxQueries = 8

// queryCounter is what the SQL stores offer tests: how many statements
// they have run.
type queryCounter interface{ QueryCount() int64 }

// corpus is a site with articles, tags, authors and comments, like the
// demo content, and the addresses of each kind of page on it.
type corpus struct {
	f        *fixture
	counter  queryCounter
	article  *warta.Article // the newest article, with the discussion
	articles int
}

// newCorpus makes a site with n published articles, each with two tags
// and two authors, the newest with comments approved comments in threads
// (a top-level comment, then replies nested up to three deep), and one
// approved comment on each of the other articles, so that the comment
// feed spans n articles.
func newCorpus(t *testing.T, n, comments int) *corpus {
	t.Helper()
	f := newFixture(t, "id")
	counter, ok := f.store.(queryCounter)
	if !ok {
		t.Fatalf("%T does not count its queries", f.store)
	}
	ctx := context.Background()
	second := storetest.MustCreateAuthor(t, f.store, &warta.Author{Slug: "budi-santoso", Name: "Budi Santoso"})
	banjir := storetest.MustCreateTag(t, f.store, &warta.Tag{Slug: "banjir", Name: "Banjir"})
	cuaca := storetest.MustCreateTag(t, f.store, &warta.Tag{Slug: "cuaca", Name: "Cuaca"})
	storetest.MustCreatePage(t, f.store, &warta.Page{Slug: "tentang-kami", Title: "Tentang Kami", BodyHTML: "<p>Tentang.</p>",
		Status: warta.PagePublished, MenuOrder: 1})
	c := &corpus{f: f, counter: counter, articles: n}
	for i := range n {
		a := storetest.MustCreateArticle(t, f.store, &warta.Article{
			Slug:         fmt.Sprintf("banjir-hari-%d", i),
			Headline:     fmt.Sprintf("Banjir melanda kota, hari ke-%d", i),
			Dek:          "Warga mengungsi ke tempat yang lebih tinggi.",
			BodyMarkdown: "Air naik sejak pagi.",
			BodyHTML:     "<p>Air naik sejak pagi.</p>",
			Status:       warta.StatusPublished,
			Section:      f.section,
			Tags:         []warta.Tag{*banjir, *cuaca},
			Authors:      []warta.Author{f.author, *second},
			CommentsOpen: true,
			PublishedAt:  f.now.Add(-time.Duration(i+1) * time.Hour),
		})
		if i == 0 {
			c.article = a
			continue
		}
		mustComment(t, f.store, a.ID, 0, fmt.Sprintf("satu-%d", i))
	}
	// Threads of four: a top-level comment, a reply, a reply to that,
	// and a reply to that.
	var parent int64
	for i := range comments {
		if i%4 == 0 {
			parent = 0
		}
		parent = mustComment(t, f.store, c.article.ID, parent, fmt.Sprintf("diskusi-%d", i)).ID
	}
	if got, err := f.store.ArticleByID(ctx, c.article.ID); err != nil || got.CommentCount != comments {
		t.Fatalf("the discussion has %v comments (err %v), want %d", got, err, comments)
	}
	return c
}

func mustComment(t *testing.T, st warta.Store, articleID, parentID int64, label string) *warta.Comment {
	t.Helper()
	return storetest.MustCreateComment(t, st, &warta.Comment{
		ArticleID: articleID, ParentID: parentID,
		AuthorName: "Pembaca " + label, AuthorEmail: label + "@example.id",
		Content: label, ContentHTML: "<p>" + label + "</p>", Status: warta.CommentApproved,
	})
}

// queries returns how many statements GET path runs, failing t unless
// it answers 200.
func (c *corpus) queries(t *testing.T, path string) int64 {
	t.Helper()
	before := c.counter.QueryCount()
	rec := c.f.get(t, path)
	n := c.counter.QueryCount() - before
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s = %d, want 200", path, rec.Code)
	}
	return n
}

// TestQueryCounts proves that no reading page runs a query per article or
// per comment it shows (no N+1): each page type runs the same small
// number of statements on a site with few articles and comments as on
// one with many.
func TestQueryCounts(t *testing.T) {
	small, large := newCorpus(t, 5, 5), newCorpus(t, 45, 40)
	article := func(c *corpus) string { return c.article.Permalink(c.f.loc) }
	for _, tc := range []struct {
		name        string
		small       func(c *corpus) string // the page on the small corpus
		large       func(c *corpus) string // the same kind of page on the large one
		onlyOnLarge bool                   // both paths are on the large corpus
		max         int64                  // 0 means maxQueries
	}{
		{name: "home", small: path("/"), large: path("/")},
		// Page 2 needs more than one page of articles: compare a full
		// page 2 with the 5 articles of page 3.
		{name: "home page 2", small: path("/?page=3"), large: path("/?page=2"), onlyOnLarge: true},
		// The article (3: itself, its tags, its authors), the settings
		// twice (the comment form, the page), the thread (2), the
		// sections, the corrections, and related articles (by tags, by
		// headline words when tags find too few, then 3 to load them).
		{name: "article with discussion", small: article, large: article, max: 14},
		{name: "section", small: path("/section/nasional/"), large: path("/section/nasional/")},
		{name: "tag", small: path("/tag/banjir/"), large: path("/tag/banjir/")},
		{name: "author", small: path("/author/budi-santoso/"), large: path("/author/budi-santoso/")},
		{name: "feed", small: path("/feed/"), large: path("/feed/")},
		{name: "atom feed", small: path("/tag/banjir/feed/atom/"), large: path("/tag/banjir/feed/atom/")},
		{name: "comment feed", small: path("/comments/feed/"), large: path("/comments/feed/")},
		{name: "article comment feed", small: func(c *corpus) string { return article(c) + "feed/" },
			large: func(c *corpus) string { return article(c) + "feed/" }},
		{name: "sitemap index", small: path("/sitemap.xml"), large: path("/sitemap.xml")},
		{name: "article sitemap", small: path("/sitemap-articles-1.xml"), large: path("/sitemap-articles-1.xml")},
		{name: "news sitemap", small: path("/news-sitemap.xml"), large: path("/news-sitemap.xml")},
		{name: "search", small: path("/search?q=banjir"), large: path("/search?q=banjir")},
		{name: "standing page", small: path("/tentang-kami/"), large: path("/tentang-kami/")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			on := small
			if tc.onlyOnLarge {
				on = large
			}
			few, many := on.queries(t, tc.small(on)), large.queries(t, tc.large(large))
			t.Logf("%s: %d queries", tc.name, many)
			if few != many {
				t.Errorf("%s runs %d queries with few articles or comments and %d with many, want the same", tc.name, few, many)
			}
			if limit := cmp.Or(tc.max, maxQueries); many > limit {
				t.Errorf("%s runs %d queries, want at most %d", tc.name, many, limit)
			}
		})
	}
}

// path returns a page address that is the same on every corpus.
func path(p string) func(*corpus) string { return func(*corpus) string { return p } }
