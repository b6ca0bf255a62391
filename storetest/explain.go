package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"warta"
)

// TracedQuery is one statement a store method ran, with its arguments,
// as the driver received it: the exact SQL to EXPLAIN.
type TracedQuery struct {
	Case  string // what was asked: "Articles by tag"
	Query string
	Args  []any
}

// Tracer is a store that reports the statements it runs, as package
// sqlstore's does (Store.TraceQueries).
type Tracer interface {
	TraceQueries(f func(query string, args []any))
}

// LookupQueries fills st, a fresh migrated store that is also a Tracer,
// with a small site, then runs every list and lookup the public site
// makes, and the newsroom's lookups, and returns the statements each ran,
// so that a database package can EXPLAIN them all and check that each
// can use an index. The newsroom's unfiltered lists are left out: with
// their COUNT(*) OVER() they read every row by design.
// Following the real calls, not copies of their SQL, keeps the check in
// step with the code.
func LookupQueries(t *testing.T, st warta.Store) []TracedQuery {
	t.Helper()
	tracer, ok := st.(Tracer)
	if !ok {
		t.Fatalf("%T cannot trace its queries", st)
	}
	c := ctx(t)
	now := time.Now().UTC()
	sec := MustCreateSection(t, st, &warta.Section{Slug: "nasional", Name: "Nasional"})
	tag := MustCreateTag(t, st, &warta.Tag{Slug: "banjir", Name: "Banjir"})
	au := MustCreateAuthor(t, st, &warta.Author{Slug: "rina", Name: "Rina"})
	var articles []*warta.Article
	for i := range 30 {
		articles = append(articles, MustCreateArticle(t, st, &warta.Article{
			Slug: fmt.Sprintf("banjir-%d", i), Headline: fmt.Sprintf("Banjir melanda kota %d", i),
			BodyMarkdown: "Air naik.", BodyHTML: "<p>Air naik.</p>", Status: warta.StatusPublished,
			Section: *sec, Tags: []warta.Tag{*tag}, Authors: []warta.Author{*au}, CommentsOpen: true,
			PublishedAt: now.Add(-time.Duration(i+1) * time.Hour),
		}))
	}
	a := articles[0]
	var last *warta.Comment
	for i := range 40 {
		cm := comment(articles[i%3].ID, 0, fmt.Sprintf("c%d", i), warta.CommentApproved)
		if last != nil && i%2 == 1 && last.ArticleID == cm.ArticleID {
			cm.ParentID = last.ID
		}
		if i%5 == 0 {
			cm.Status = warta.CommentPending
		}
		cm.Nonce = fmt.Sprintf("nonce-%d", i)
		last = MustCreateComment(t, st, cm)
	}
	user := MustCreateUser(t, st, staff("budi", "Budi Santoso"))
	session := &warta.Session{ID: "9f86d081884c7d659a2feaa0c55ad015", UserID: user.ID, IP: "192.0.2.1"}
	if err := st.CreateSession(c, session); err != nil {
		t.Fatalf("CreateSession: %v", err)
	}

	var (
		mu   sync.Mutex
		out  []TracedQuery
		name string
	)
	tracer.TraceQueries(func(query string, args []any) {
		mu.Lock()
		defer mu.Unlock()
		out = append(out, TracedQuery{Case: name, Query: query, Args: args})
	})
	defer tracer.TraceQueries(nil)
	published := warta.ArticleFilter{Status: warta.StatusPublished, PublishedBefore: now, Limit: 20}
	with := func(f func(*warta.ArticleFilter)) warta.ArticleFilter { g := published; f(&g); return g }
	for _, tc := range []struct {
		name string
		run  func() error
	}{
		{"Articles published (home)", func() error { _, _, err := st.Articles(c, published); return err }},
		{"Articles past the last page", func() error {
			_, _, err := st.Articles(c, with(func(f *warta.ArticleFilter) { f.Offset = 1000 }))
			return err
		}},
		{"Articles by section", func() error {
			_, _, err := st.Articles(c, with(func(f *warta.ArticleFilter) { f.SectionID = sec.ID }))
			return err
		}},
		{"Articles by tag", func() error {
			_, _, err := st.Articles(c, with(func(f *warta.ArticleFilter) { f.TagID = tag.ID }))
			return err
		}},
		{"Articles by author", func() error {
			_, _, err := st.Articles(c, with(func(f *warta.ArticleFilter) { f.AuthorID = au.ID }))
			return err
		}},
		{"Articles by IDs", func() error {
			_, _, err := st.Articles(c, warta.ArticleFilter{IDs: []int64{articles[1].ID, articles[2].ID}})
			return err
		}},
		{"ArticleBySlug", func() error { _, err := st.ArticleBySlug(c, a.Slug); return err }},
		{"ArticleByID", func() error { _, err := st.ArticleByID(c, a.ID); return err }},
		{"SectionBySlug", func() error { _, err := st.SectionBySlug(c, sec.Slug); return err }},
		{"TagBySlug", func() error { _, err := st.TagBySlug(c, tag.Slug); return err }},
		{"AuthorBySlug", func() error { _, err := st.AuthorBySlug(c, au.Slug); return err }},
		{"Thread", func() error { _, _, err := st.Thread(c, a.ID, 0, 50); return err }},
		{"Thread past the last page", func() error { _, _, err := st.Thread(c, a.ID, 1000, 50); return err }},
		{"Comments by status", func() error {
			_, _, err := st.Comments(c, warta.CommentFilter{Status: warta.CommentPending, Limit: 20})
			return err
		}},
		{"Comments by article", func() error {
			_, _, err := st.Comments(c, warta.CommentFilter{ArticleID: a.ID, Limit: 20})
			return err
		}},
		{"Comments by email", func() error {
			_, _, err := st.Comments(c, warta.CommentFilter{Email: "c1@example.id", Limit: 20})
			return err
		}},
		{"CommentByID", func() error { _, err := st.CommentByID(c, last.ID); return err }},
		{"CommentByNonce", func() error { _, err := st.CommentByNonce(c, "nonce-3"); return err }},
		{"HasApprovedComment", func() error { _, err := st.HasApprovedComment(c, "C1@example.id"); return err }},
		{"IsDuplicateComment", func() error { _, err := st.IsDuplicateComment(c, a.ID, "c1@example.id", "c1"); return err }},
		{"Allow (rate limit)", func() error { _, err := st.Allow(c, "comment:192.0.2.1", time.Minute); return err }},
		{"SessionByID", func() error { _, err := st.SessionByID(c, session.ID); return err }},
		{"UserByEmail", func() error { _, err := st.UserByEmail(c, "BUDI@warta.example.id"); return err }},
		{"Corrections", func() error { _, err := st.Corrections(c, a.ID); return err }},
		{"SitemapArticles", func() error { _, err := st.SitemapArticles(c, now, 0, 1000); return err }},
		{"PublicComments", func() error { _, err := st.PublicComments(c, 0, now, 20); return err }},
		{"PublicComments of an article", func() error { _, err := st.PublicComments(c, a.ID, now, 20); return err }},
		{"Search", func() error {
			_, _, err := st.Search(c, warta.SearchQuery{Lang: "id", Terms: []warta.SearchTerm{{Words: []string{"banjir"}}}}, now, 0, 20)
			return err
		}},
		{"Related", func() error { _, err := st.Related(c, a, 4); return err }},
		{"Related by headline words", func() error {
			lone := *a
			lone.Tags = nil
			_, err := st.Related(c, &lone, 4)
			return err
		}},
	} {
		mu.Lock()
		name = tc.name
		mu.Unlock()
		if err := tc.run(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
	}
	return out
}
